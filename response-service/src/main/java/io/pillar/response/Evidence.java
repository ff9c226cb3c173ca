package io.pillar.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What was known of an asset or principal at a moment, as captured (never changed), with its SHA-256. */
@Entity
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {
    @Id
    public UUID id;
    public String team;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "run_id")
    public UUID runId;
    @Column(name = "step_key")
    public String stepKey;
    @Column(name = "subject_kind")
    public String subjectKind;
    @Column(name = "subject_id")
    public String subjectId;
    @Column(name = "as_of")
    public Instant asOf;
    @Column(name = "captured_at")
    public Instant capturedAt;
    @Column(name = "captured_by")
    public String capturedBy;
    /** The bundle, JSON text exactly as digested. */
    public String content;
    public String sha256;
}
