package io.pillar.inventory;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One thing Pillar knows (table {@code asset}): the columns lists filter on. Its full current state is the document
 * of its current {@link AssetVersion}; the import pipeline writes both in batches (repository.bulk).
 */
@Entity
@Table(name = "asset")
public class Asset extends PanacheEntityBase {
    @Id
    public UUID id;
    public String type;
    @Column(name = "natural_id")
    public String naturalId;
    public String name;
    public String provider;
    public String account;
    public String region;
    @Column(name = "owner_team")
    public String ownerTeam;
    public String environment;
    public String criticality;
    @Column(name = "data_classification")
    public String dataClassification;
    @Column(name = "internet_exposed")
    public boolean internetExposed;
    public boolean quarantined;
    /** The current version's number. */
    public int version;
    public String status;
    /** Fields set by hand that tag mapping at import leaves alone. */
    public String[] pinned = new String[0];
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
