package io.pillar.inventory.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.platform.posture.ScopeSql;

/** What the inventory holds in a posture scope, counted in the database: active assets only. */
@ApplicationScoped
public class EvidenceCounts {
    public static final ScopeSql.Columns ASSET = new ScopeSql.Columns("a.owner_team", "a.account",
            "(v.document::jsonb)->'tags'");
    /** Active assets with their current version, whose document holds the tags. */
    private static final String ASSETS = "asset a" + Rows.CURRENT + " WHERE a.status = 'active' AND ";

    /** Active assets of one type in the scope, and when the newest of them changed (rules ran then). */
    public record TypeCount(long assets, Instant lastChanged) {
    }

    /** An account's active assets in the scope and how many distinct environments they name. */
    public record AccountEnvironments(String account, long assets, int environments) {
    }

    @Inject
    AgroalDataSource dataSource;

    public Map<String, TypeCount> byType(ScopeSql scope) {
        Map<String, TypeCount> out = new LinkedHashMap<>();
        query("SELECT a.type, count(*), max(a.updated_at) FROM " + ASSETS + scope.where()
                + " GROUP BY a.type", scope, r -> {
                    Timestamp last = r.getTimestamp(3);
                    out.put(r.getString(1), new TypeCount(r.getLong(2), last == null ? null : last.toInstant()));
                });
        return out;
    }

    public List<AccountEnvironments> environmentsByAccount(ScopeSql scope) {
        List<AccountEnvironments> out = new ArrayList<>();
        query("SELECT a.account, count(*), count(DISTINCT a.environment) FROM " + ASSETS
                + "a.account IS NOT NULL AND " + scope.where() + " GROUP BY a.account", scope,
                r -> out.add(new AccountEnvironments(r.getString(1), r.getLong(2), r.getInt(3))));
        return out;
    }

    /** The ids of the scope's active assets, at most {@code limit}. */
    public List<UUID> assetIds(ScopeSql scope, int limit) {
        List<UUID> out = new ArrayList<>();
        query("SELECT a.id FROM " + ASSETS + scope.where() + " LIMIT " + limit, scope,
                r -> out.add((UUID) r.getObject(1)));
        return out;
    }

    private interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    private void query(String sql, ScopeSql scope, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            scope.bind(c, s, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        } catch (SQLException e) {
            throw Rows.failed("counting evidence", e);
        }
    }
}
