package io.pillar.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A user, role, group or service account of an identity source. Credentials are metadata only. */
@Entity
@Table(name = "principal")
public class Principal extends PanacheEntityBase {
    @Id
    public UUID id;
    public String type;
    public String name;
    public String source;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "mfa_enabled")
    public Boolean mfaEnabled;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** The AWS account (or identity source instance) the principal belongs to. */
    public String account;
    /** The team that owns the account, whose data the principal is. */
    public String team;
    /** The principal's picture as imported ({@code AwsPrincipal} as JSON). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String document;
    @Column(name = "removed_at")
    public Instant removedAt;
}
