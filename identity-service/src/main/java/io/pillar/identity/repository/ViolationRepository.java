package io.pillar.identity.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.IdentityViolation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ViolationRepository implements PanacheRepositoryBase<IdentityViolation, IdentityViolation.Key> {

    public List<IdentityViolation> findOpenByAccount(String account) {
        return list("account", account);
    }

    public List<IdentityViolation> findOpenByResource(String account, String resource) {
        return list("account = ?1 and (resource = ?2 or resource like ?3) order by checkId", account, resource,
                resource + "#%");
    }
}
