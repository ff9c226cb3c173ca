package io.pillar.inventory.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.pillar.inventory.repository.StoredAsset;
import io.pillar.inventory.repository.StoredJson;

/**
 * The import pipeline's reads, a batch at a time (thousands of identifiers per statement, as arrays): which assets
 * hold given identifiers, and which point at them. Inside the caller's transaction (Agroal hands out its connection).
 */
@ApplicationScoped
public class AssetLookups {
    @Inject
    AgroalDataSource dataSource;

    /** The assets holding any of the identifiers, by identifier (each asset read once, however many it holds). */
    public Map<String, StoredAsset> byIdentifiers(Collection<String> identifiers) {
        Map<String, StoredAsset> out = new HashMap<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        Map<String, UUID> owners = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT identifier, asset_id FROM asset_identifier WHERE identifier = ANY(?)")) {
                s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        owners.put(r.getString(1), (UUID) r.getObject(2));
                    }
                }
            }
            if (owners.isEmpty()) {
                return out;
            }
            Map<UUID, StoredAsset> assets = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM asset a" + Rows.CURRENT
                    + " WHERE a.id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", owners.values().stream().distinct().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        StoredAsset a = Rows.asset(r);
                        assets.put(a.id(), a);
                    }
                }
            }
            owners.forEach((identifier, id) -> {
                StoredAsset a = assets.get(id);
                if (a != null) {
                    out.put(identifier, a);
                }
            });
        } catch (SQLException e) {
            throw Rows.failed("reading assets by identifier", e);
        }
        return out;
    }

    /** Assets whose relationships point at any of the identifiers (an instance attached to a changed group). */
    public List<StoredAsset> relatedTo(Collection<String> identifiers) {
        List<StoredAsset> out = new ArrayList<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        String sql = "SELECT " + Rows.COLUMNS + " FROM asset a" + Rows.CURRENT + " WHERE a.id IN "
                + "(SELECT asset_id FROM asset_relationship WHERE target = ANY(?))";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Rows.asset(r));
                }
            }
        } catch (SQLException e) {
            throw Rows.failed("reading related assets", e);
        }
        return out;
    }

    /** Documents of the assets with a {@code routes-to} relationship to any of the identifiers, by identifier. */
    public Map<String, List<ObjectNode>> routingTo(Collection<String> identifiers) {
        Map<String, List<ObjectNode>> out = new HashMap<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        String sql = "SELECT r.target, v.document FROM asset_relationship r JOIN asset a ON a.id = r.asset_id"
                + Rows.CURRENT
                + " WHERE r.kind = 'routes-to' AND r.target = ANY(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("varchar", identifiers.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add((ObjectNode) StoredJson.parse(r.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw Rows.failed("reading routing assets", e);
        }
        return out;
    }

}
