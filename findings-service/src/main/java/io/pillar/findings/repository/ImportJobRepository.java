package io.pillar.findings.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.findings.ImportJob;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, UUID> {
}
