package io.pillar.inventory;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A natural identifier (ARN, resource id, hostname, IP, digest, URL, path) and the asset it resolves to. */
@Entity
@Table(name = "asset_identifier")
public class AssetIdentifier extends PanacheEntityBase {
    @Id
    public String identifier;
    @Column(name = "asset_id")
    public UUID assetId;
}
