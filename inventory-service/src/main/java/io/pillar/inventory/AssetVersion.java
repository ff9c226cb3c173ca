package io.pillar.inventory;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of an asset (table {@code asset_version}): the document as it was and the JSON Patch that led to it. */
@Entity
@Table(name = "asset_version")
@IdClass(AssetVersion.Key.class)
public class AssetVersion extends PanacheEntityBase {
    @Id
    @Column(name = "asset_id")
    public UUID assetId;
    @Id
    public int version;
    @Column(name = "valid_from")
    public Instant validFrom;
    @Column(name = "changed_by")
    public String changedBy;
    public String source;
    /** The whole document as JSON text (written and read whole, never queried inside). */
    public String document;
    /** RFC 6902 JSON Patch from the previous version, as JSON text. */
    public String patch;

    public record Key(UUID assetId, int version) implements Serializable {
    }
}
