package io.pillar.identity;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A managed policy of an account, with its default version's document. */
@Entity
@Table(name = "iam_policy")
@IdClass(IamPolicyRow.Key.class)
public class IamPolicyRow extends PanacheEntityBase {
    @Id
    public String account;
    @Id
    public String arn;
    public String name;
    @Column(name = "aws_managed")
    public boolean awsManaged;
    public String version;
    @JdbcTypeCode(SqlTypes.JSON)
    public String document;

    /** The primary key. */
    public static class Key implements Serializable {
        public String account;
        public String arn;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(account, k.account) && Objects.equals(arn, k.arn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(account, arn);
        }
    }
}
