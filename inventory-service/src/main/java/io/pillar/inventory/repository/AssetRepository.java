package io.pillar.inventory.repository;

import java.util.List;
import java.util.UUID;

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
}
