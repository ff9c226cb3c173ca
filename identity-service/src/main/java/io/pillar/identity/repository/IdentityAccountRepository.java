package io.pillar.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.pillar.identity.IdentityAccount;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IdentityAccountRepository implements PanacheRepositoryBase<IdentityAccount, String> {

    /** The account's row, locked until the transaction ends (imports of one account take turns); made if new. */
    public IdentityAccount lockOrCreate(String id, String kind, String team) {
        getEntityManager().createNativeQuery("INSERT INTO identity_account (id, team, kind) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (id) DO NOTHING").setParameter(1, id).setParameter(2, team)
                .setParameter(3, kind).executeUpdate();
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
