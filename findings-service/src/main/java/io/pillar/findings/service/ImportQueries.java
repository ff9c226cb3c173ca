package io.pillar.findings.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.findings.mapping.ImportView;
import io.pillar.findings.repository.ImportJobRepository;

@ApplicationScoped
public class ImportQueries {
    @Inject
    ImportJobRepository jobs;

    @Transactional
    public Optional<ImportView> get(UUID id) {
        return jobs.findByIdOptional(id).map(ImportView::of);
    }
}
