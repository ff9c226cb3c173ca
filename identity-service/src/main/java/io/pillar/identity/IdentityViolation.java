package io.pillar.identity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An open violation of an identity check in an account: its finding was published, its resolution will be. */
@Entity
@Table(name = "identity_violation")
@IdClass(IdentityViolation.Key.class)
public class IdentityViolation extends PanacheEntityBase {
    @Id
    public String account;
    @Id
    @Column(name = "check_id")
    public String checkId;
    @Id
    public String resource;
    public String team;
    public String severity;
    public String detail;
    @Column(name = "opened_at")
    public Instant openedAt;

    /** The primary key. */
    public static class Key implements Serializable {
        public String account;
        public String checkId;
        public String resource;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(account, k.account) && Objects.equals(checkId, k.checkId)
                    && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, checkId, resource);
        }
    }
}
