package io.pillar.identity.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.CredentialAction;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CredentialActionRepository implements PanacheRepositoryBase<CredentialAction, UUID> {

    public List<CredentialAction> findByPrincipal(UUID principal, int limit) {
        return find("principalId = ?1 order by createdAt desc", principal).page(0, limit).list();
    }
}
