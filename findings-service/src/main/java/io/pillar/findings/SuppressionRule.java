package io.pillar.findings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A suppression rule as stored: criteria as JSON, the status it sets, why, until when, and whether it is on. */
@Entity
@Table(name = "suppression_rule")
public class SuppressionRule extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public String criteria;
    public String status;
    public String reason;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    public boolean enabled;
    /** Lasts longer than one person may decide: applies once someone else approved it. */
    @Column(name = "awaiting_approval")
    public boolean awaitingApproval;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
}
