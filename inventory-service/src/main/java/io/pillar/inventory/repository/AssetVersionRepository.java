package io.pillar.inventory.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.AssetVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** An asset's configuration history (written by the import pipeline, repository.bulk). */
@ApplicationScoped
public class AssetVersionRepository implements PanacheRepositoryBase<AssetVersion, AssetVersion.Key> {

    /** The version in force at an instant: the newest that started at or before it. */
    public Optional<StoredVersion> at(UUID assetId, Instant at) {
        return find("assetId = ?1 and validFrom <= ?2 order by validFrom desc, version desc", assetId, at)
                .firstResultOptional().map(AssetVersionRepository::stored);
    }

    public Optional<StoredVersion> of(UUID assetId, int version) {
        return findByIdOptional(new AssetVersion.Key(assetId, version)).map(AssetVersionRepository::stored);
    }

    /** Versions newest first, below {@code before} when given, without their documents. */
    public List<StoredVersion> history(UUID assetId, Integer before, int limit) {
        return getEntityManager().createQuery("select v.version, v.validFrom, v.changedBy, v.source, v.patch "
                + "from AssetVersion v where v.assetId = ?1 and v.version < ?2 order by v.version desc",
                Object[].class)
                .setParameter(1, assetId).setParameter(2, before == null ? Integer.MAX_VALUE : before)
                .setMaxResults(limit).getResultList().stream()
                .map(r -> new StoredVersion((Integer) r[0], (Instant) r[1], (String) r[2], (String) r[3], null,
                        StoredJson.parse((String) r[4])))
                .toList();
    }

    private static StoredVersion stored(AssetVersion v) {
        return new StoredVersion(v.version, v.validFrom, v.changedBy, v.source,
                (ObjectNode) StoredJson.parse(v.document), StoredJson.parse(v.patch));
    }
}
