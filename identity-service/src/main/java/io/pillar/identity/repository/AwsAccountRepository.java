package io.pillar.identity.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.pillar.identity.AwsAccountRow;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AwsAccountRepository implements PanacheRepositoryBase<AwsAccountRow, String> {

    /** The account's row, locked until the transaction ends (imports of one account take turns); made if new. */
    public AwsAccountRow lockOrCreate(String id, String team) {
        getEntityManager().createNativeQuery("INSERT INTO aws_account (id, team) VALUES (?1, ?2) "
                + "ON CONFLICT (id) DO NOTHING").setParameter(1, id).setParameter(2, team).executeUpdate();
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
