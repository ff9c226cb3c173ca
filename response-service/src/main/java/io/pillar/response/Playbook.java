package io.pillar.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A CACAO playbook of a team (or shared: no team), known by its CACAO id; its documents are its versions. */
@Entity
@Table(name = "playbook")
public class Playbook extends PanacheEntityBase {
    @Id
    public UUID id;
    public String team;
    @Column(name = "cacao_id")
    public String cacaoId;
    public String name;
    @Column(name = "latest_version")
    public int latestVersion;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
