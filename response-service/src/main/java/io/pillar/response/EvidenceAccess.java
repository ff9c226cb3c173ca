package io.pillar.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of a piece of evidence's chain of custody: who captured or read it, when, and whether it was intact. */
@Entity
@Table(name = "evidence_access")
public class EvidenceAccess extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "evidence_id")
    public UUID evidenceId;
    public Instant at;
    public String actor;
    public String client;
    public String action;
    public boolean intact;
}
