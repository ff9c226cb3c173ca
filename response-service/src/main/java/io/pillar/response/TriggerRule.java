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

/** A filter over a team's finding events, and what a match does: open an incident, start a playbook, or both. */
@Entity
@Table(name = "trigger_rule")
public class TriggerRule extends PanacheEntityBase {
    @Id
    public UUID id;
    public String team;
    public String name;
    public boolean enabled;
    @JdbcTypeCode(SqlTypes.JSON)
    public String filter;
    @Column(name = "open_incident")
    public boolean openIncident;
    @Column(name = "playbook_id")
    public UUID playbookId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String inputs;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
