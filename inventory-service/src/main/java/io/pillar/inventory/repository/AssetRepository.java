package io.pillar.inventory.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.inventory.Asset;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class AssetRepository implements PanacheRepositoryBase<Asset, UUID> {

    /** Up to {@code limit} assets after the cursor, newest first, of one type when {@code type} is not null. */
    public List<Asset> page(String type, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        if (after != null) {
            query.append(" and (createdAt < :time or (createdAt = :time and id < :id))");
            params.and("time", after.time()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), params).page(0, limit).list();
    }

    /** Registers an asset under its natural identifier unless one already has it (safe against concurrent callers). */
    public void insertIfAbsent(UUID id, String naturalId, String type, String provider, Instant at) {
        getEntityManager().createNativeQuery("""
                INSERT INTO asset (id, type, natural_id, provider, version, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5) ON CONFLICT (natural_id) DO NOTHING""")
                .setParameter(1, id).setParameter(2, type).setParameter(3, naturalId).setParameter(4, provider)
                .setParameter(5, at).executeUpdate();
    }

    public Map<String, Asset> byNaturalIds(Collection<String> naturalIds) {
        return list("naturalId in ?1", naturalIds).stream()
                .collect(Collectors.toMap(a -> a.naturalId, Function.identity()));
    }
}
