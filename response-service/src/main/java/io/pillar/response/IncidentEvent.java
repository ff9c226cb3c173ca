package io.pillar.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event on an incident's timeline: a change, a comment, a playbook run's progress. */
@Entity
@Table(name = "incident_event")
public class IncidentEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public Instant at;
    public String actor;
    public String kind;
    @JdbcTypeCode(SqlTypes.JSON)
    public String detail;
}
