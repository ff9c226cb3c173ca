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

/**
 * A normalized finding: one per fingerprint, however often and by how many reports it was seen. Imports write it
 * with batched SQL ({@code repository.FindingWriter}); this mapping serves reads and workflow changes.
 */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {
    @Id
    public UUID id;
    public String fingerprint;
    @Column(name = "class_uid")
    public int classUid;
    public String title;
    public String description;
    @Column(name = "severity_id")
    public short severityId;
    public String status;
    public String product;
    @Column(name = "rule_uid")
    public String ruleUid;
    public String team;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public int occurrences;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    public String format;
    public String uid;
    @JdbcTypeCode(SqlTypes.JSON)
    public String resources = "[]";
    @JdbcTypeCode(SqlTypes.JSON)
    public String vulnerabilities = "[]";
    public String remediation;
    public String[] compliance = new String[0];
    @Column(name = "best_practices")
    public String[] bestPractices = new String[0];
    public String location;
    public String scope;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "status_changed_by")
    public String statusChangedBy;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    @Column(name = "last_import_id")
    public UUID lastImportId;
    @Column(name = "status_expires_at")
    public Instant statusExpiresAt;
    @Column(name = "risk_requested_by")
    public String riskRequestedBy;
    @Column(name = "risk_requested_at")
    public Instant riskRequestedAt;
    @Column(name = "risk_request_reason")
    public String riskRequestReason;
    @Column(name = "risk_request_expires_at")
    public Instant riskRequestExpiresAt;
    /** The status the pending request asks for (null: risk_accepted). */
    @Column(name = "risk_request_status")
    public String riskRequestStatus;
    /** The inventory assets of its resources, once resolved (background enrichment): read only here. */
    @Column(name = "asset_ids", insertable = false, updatable = false)
    public UUID[] assetIds;
    @Column(name = "risk_score", insertable = false, updatable = false)
    public Short riskScore;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "risk_factors", insertable = false, updatable = false)
    public String riskFactors;
    /** Computed by the database from the first CVE and resource (see V4): read only. */
    @Column(name = "correlation_key", insertable = false, updatable = false)
    public String correlationKey;
}
