package io.pillar.inventory.repository.bulk;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.pillar.inventory.repository.StoredAsset;

/** The columns of an asset with its current document, as this package's statements read them. */
final class Rows {
    static final String COLUMNS = "a.id, a.version, v.document, a.pinned, a.changed_by, a.created_at, a.updated_at";
    /** The current document is the current version's: stored once, in the history. */
    static final String CURRENT = " JOIN asset_version v ON v.asset_id = a.id AND v.version = a.version";

    private Rows() {
    }

    static StoredAsset asset(ResultSet r) throws SQLException {
        Array pinned = r.getArray(4);
        return StoredAsset.of((UUID) r.getObject(1), r.getInt(2), r.getString(3),
                pinned == null ? null : (String[]) pinned.getArray(), r.getString(5), r.getTimestamp(6).toInstant(),
                r.getTimestamp(7).toInstant());
    }

    /** A PostgreSQL array literal of texts ({@code {"a","b"}}), for a text[] value inside an array parameter. */
    static String textArrayLiteral(java.util.List<String> values) {
        StringBuilder out = new StringBuilder("{");
        if (values != null) {
            for (String v : values) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return out.append('}').toString();
    }

    static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
