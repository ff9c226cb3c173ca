package io.pillar.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of the hash-chained audit ledger: who did what, when, from where, with what outcome. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String source;
    public String actor;
    public String action;
    public String resource;
    public String outcome;
    @Column(name = "source_ip")
    public String sourceIp;
    public String details;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;
    @Column(name = "recorded_at", insertable = false, updatable = false)
    public Instant recordedAt;
}
