package io.pillar.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the findings-service's database holds for one run of the suite, read as the service's own role: the findings
 * of a scope, or of a product.
 */
final class FindingsLedger {
    private final String url;
    private final String user;
    private final String password;

    FindingsLedger(Map<String, String> env, String database) {
        this.url = env.get("PILLAR_POSTGRES_URL") + database;
        this.user = database;
        this.password = env.get("PILLAR_" + database.toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD");
    }

    /** Finding id -> fingerprint (and team) of the findings whose column (scope or product) has this value. */
    Map<String, String> findings(String column, String value) throws SQLException {
        if (!column.equals("scope") && !column.equals("product")) {
            throw new IllegalArgumentException(column);
        }
        return rows("select id::text, fingerprint || '/' || coalesce(team, '') from finding where " + column
                + " = ?", value);
    }

    /** How many findings have this scope or product. */
    int count(String column, String value) throws SQLException {
        if (!column.equals("scope") && !column.equals("product")) {
            throw new IllegalArgumentException(column);
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement q = c.prepareStatement("select count(*) from finding where " + column + " = ?")) {
            q.setString(1, value);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Any two-column query's rows as a map from the first column to the second. */
    Map<String, String> rows(String sql, String parameter) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return rows;
    }

    /** The database answers (it may be restarting). */
    boolean reachable() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
