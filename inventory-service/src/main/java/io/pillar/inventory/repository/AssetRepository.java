package io.pillar.inventory.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import io.pillar.contracts.api.Cursor;
import io.pillar.inventory.Asset;
import io.pillar.inventory.mapping.AssetFilter;
import io.pillar.platform.api.TextSearch;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Assets with their current document, one at a time or a page at a time. Rows are read as values, not managed
 * entities: the import pipeline changes the same rows by SQL (repository.bulk) within the same transaction.
 */
@ApplicationScoped
public class AssetRepository implements PanacheRepositoryBase<Asset, UUID> {
    private static final String CURRENT = "select a.id, a.version, v.document, a.pinned, a.changedBy, a.createdAt,"
            + " a.updatedAt from Asset a join AssetVersion v on v.assetId = a.id and v.version = a.version";

    public Optional<StoredAsset> current(UUID id) {
        return query(CURRENT + " where a.id = ?1", List.of(id)).setMaxResults(1).getResultStream().findFirst()
                .map(AssetRepository::stored);
    }

    /** The asset, locked for update until the transaction ends. */
    public Optional<StoredAsset> lockCurrent(UUID id) {
        Asset locked = findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (locked == null) {
            return Optional.empty();
        }
        getEntityManager().detach(locked);
        return current(id);
    }

    /** Up to {@code limit} assets after the cursor, newest first. */
    public List<StoredAsset> page(AssetFilter f, Cursor after, int limit) {
        StringBuilder hql = new StringBuilder(CURRENT + " where true");
        List<Object> params = new ArrayList<>();
        condition(hql, params, "a.type", f.type());
        condition(hql, params, "a.account", f.account());
        condition(hql, params, "a.ownerTeam", f.ownerTeam());
        condition(hql, params, "a.dataClassification", f.classification());
        condition(hql, params, "a.internetExposed", f.exposed());
        condition(hql, params, "a.status", f.status());
        if (f.q() != null) {
            params.add("%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            int p = params.size();
            hql.append(" and (a.name ilike ?").append(p).append(" escape '\\' or a.naturalId ilike ?").append(p)
                    .append(" escape '\\' or exists (select 1 from AssetIdentifier i where i.assetId = a.id and ")
                    .append("i.identifier ilike ?").append(p).append(" escape '\\'))");
        }
        if (after != null) {
            params.add(after.time());
            params.add(after.id());
            hql.append(" and (a.createdAt, a.id) < (?").append(params.size() - 1).append(", ?")
                    .append(params.size()).append(")");
        }
        hql.append(" order by a.createdAt desc, a.id desc");
        TypedQuery<Object[]> query = query(hql.toString(), params).setMaxResults(limit);
        if (f.q() == null) {
            return query.getResultList().stream().map(AssetRepository::stored).toList();
        }
        // a text search may scan everything: the database stops it when it runs too long
        query.setHint(TextSearch.TIMEOUT_HINT, TextSearch.timeoutMillis());
        return TextSearch.run(() -> query.getResultList().stream().map(AssetRepository::stored).toList());
    }

    /** The active asset of type account known by this id (natural id, account field or identifier), newest first. */
    public Optional<StoredAsset> activeAccount(String account) {
        return query(CURRENT + " where a.type = 'account' and a.status = 'active' and (a.naturalId = ?1 or a.account"
                + " = ?1 or exists (select 1 from AssetIdentifier i where i.assetId = a.id and i.identifier = ?1))"
                + " order by a.updatedAt desc", List.of(account)).setMaxResults(1).getResultStream().findFirst()
                .map(AssetRepository::stored);
    }

    /** Active assets in id order after {@code after} (null: from the start), for walks over the whole inventory. */
    public List<StoredAsset> activeAfter(UUID after, int limit) {
        return query(CURRENT + " where a.status = 'active' and a.id > ?1 order by a.id",
                List.of(after == null ? new UUID(0, 0) : after)).setMaxResults(limit).getResultList().stream()
                .map(AssetRepository::stored).toList();
    }

    private TypedQuery<Object[]> query(String hql, List<Object> params) {
        TypedQuery<Object[]> q = getEntityManager().createQuery(hql, Object[].class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }

    private static void condition(StringBuilder hql, List<Object> params, String field, Object value) {
        if (value != null) {
            params.add(value);
            hql.append(" and ").append(field).append(" = ?").append(params.size());
        }
    }

    private static StoredAsset stored(Object[] r) {
        return StoredAsset.of((UUID) r[0], (Integer) r[1], (String) r[2], (String[]) r[3], (String) r[4],
                (Instant) r[5], (Instant) r[6]);
    }
}
