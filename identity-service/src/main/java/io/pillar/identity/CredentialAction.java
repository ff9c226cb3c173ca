package io.pillar.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Something done to a principal's credential on request: disabled at once, or requested from an executor. */
@Entity
@Table(name = "credential_action")
public class CredentialAction extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "principal_id")
    public UUID principalId;
    @Column(name = "credential_id")
    public String credentialId;
    public String action;
    public String status;
    public String actor;
    public String reason;
    @Column(name = "incident_id")
    public String incidentId;
    public String detail;
    @Column(name = "created_at")
    public Instant createdAt;
}
