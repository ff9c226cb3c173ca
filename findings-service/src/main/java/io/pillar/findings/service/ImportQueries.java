package io.pillar.findings.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.findings.mapping.ImportView;
import io.pillar.findings.repository.ImportJobRepository;
import io.pillar.platform.security.Caller;

@ApplicationScoped
public class ImportQueries {
    @Inject
    ImportJobRepository jobs;

    /** The import, if the caller may read its team's data (an import of no team: admins, auditors, integrations). */
    @Transactional
    public Optional<ImportView> get(UUID id, Caller caller) {
        return jobs.findByIdOptional(id).filter(j -> caller.reads(j.team)).map(ImportView::of);
    }
}
