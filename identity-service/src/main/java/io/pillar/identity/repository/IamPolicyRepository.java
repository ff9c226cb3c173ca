package io.pillar.identity.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.IamPolicyRow;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IamPolicyRepository implements PanacheRepositoryBase<IamPolicyRow, IamPolicyRow.Key> {

    public List<IamPolicyRow> findByAccount(String account) {
        return list("account", account);
    }

    public long deleteByAccount(String account) {
        return delete("account", account);
    }
}
