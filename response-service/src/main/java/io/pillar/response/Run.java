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

/** A run of one version of a playbook, for a team and possibly an incident. */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "playbook_id")
    public UUID playbookId;
    @Column(name = "playbook_version")
    public int playbookVersion;
    public String team;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "requested_by")
    public String requestedBy;
    public boolean simulation;
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    public String inputs;
    @JdbcTypeCode(SqlTypes.JSON)
    public String variables;
    public String error;
    @Column(name = "trigger_key")
    public String triggerKey;
    @Column(name = "wake_at")
    public Instant wakeAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    public long pokes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    public boolean finished() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }
}
