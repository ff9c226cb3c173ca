package io.pillar.findings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A normalized finding: one per fingerprint, however often and by how many reports it was seen. */
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
}
