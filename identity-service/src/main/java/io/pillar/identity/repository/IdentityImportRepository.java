package io.pillar.identity.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.IdentityImport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IdentityImportRepository implements PanacheRepositoryBase<IdentityImport, UUID> {
}
