package io.pillar.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A security incident (case), with the milestones its metrics are computed from. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {
    @Id
    public UUID id;
    public String title;
    @Column(name = "severity_id")
    public short severityId;
    public String status;
    public String team;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "contained_at")
    public Instant containedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
