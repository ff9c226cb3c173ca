package io.pillar.identity.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.PrincipalChange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PrincipalChangeRepository implements PanacheRepositoryBase<PrincipalChange, Long> {

    public List<PrincipalChange> findByPrincipal(UUID principal, int limit) {
        return find("principalId = ?1 order by id desc", principal).page(0, limit).list();
    }
}
