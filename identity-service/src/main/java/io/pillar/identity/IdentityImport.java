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

/** One import of an identity export: what it was, for which account and team, and what it did. */
@Entity
@Table(name = "identity_import")
public class IdentityImport extends PanacheEntityBase {
    @Id
    public UUID id;
    public String status;
    public String format;
    public String account;
    public String team;
    public int received;
    public int created;
    public int updated;
    public int unchanged;
    public int removed;
    public int rejected;
    public int findings;
    public int resolved;
    @JdbcTypeCode(SqlTypes.JSON)
    public String errors;
    @JdbcTypeCode(SqlTypes.JSON)
    public String warnings;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
