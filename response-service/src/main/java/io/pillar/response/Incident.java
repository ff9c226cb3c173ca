package io.pillar.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A security incident (case) of a team, with the milestones its metrics are computed from. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {
    @Id
    public UUID id;
    public String title;
    public String description;
    @Column(name = "severity_id")
    public short severityId;
    public String status;
    public String team;
    @Column(name = "created_by")
    public String createdBy;
    public String[] assignees = new String[0];
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "contained_at")
    public Instant containedAt;
    @Column(name = "eradicated_at")
    public Instant eradicatedAt;
    @Column(name = "recovered_at")
    public Instant recoveredAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** The post-incident review (JSON: cause, lessons, follow_up_actions), required to close. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String review;
    @Column(name = "trigger_key")
    public String triggerKey;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
