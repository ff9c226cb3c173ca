package io.pillar.findings.repository.bulk;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.pillar.platform.json.Json;

/** The posture_snapshot table: one row per scope and day. Inside the caller's transaction when there is one. */
@ApplicationScoped
public class SnapshotRows {
    /** A stored snapshot: its day, counts per status, open findings by severity, and each practice's status. */
    public record Day(LocalDate day, JsonNode summary, JsonNode openFindings, JsonNode practices) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Teams with findings or attestations. */
    public Set<String> teams() {
        Set<String> teams = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT DISTINCT team FROM finding WHERE team IS NOT NULL"
                                + " UNION SELECT team FROM attestation WHERE team IS NOT NULL");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                teams.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw failed("listing the teams", e);
        }
        return teams;
    }

    public boolean has(String scope, LocalDate day) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT 1 FROM posture_snapshot WHERE scope = ? AND day = ?")) {
            s.setString(1, scope);
            s.setDate(2, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw failed("reading posture snapshots", e);
        }
    }

    /** The scope's newest snapshot before the day. */
    public Optional<Day> before(String scope, LocalDate day) {
        List<Day> found = read("SELECT day, summary, open_findings, practices FROM posture_snapshot"
                + " WHERE scope = ? AND day < ? ORDER BY day DESC LIMIT 1", scope, day);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The scope's snapshots from a day on, oldest first (without the practices). */
    public List<Day> since(String scope, LocalDate since) {
        return read("SELECT day, summary, open_findings, NULL FROM posture_snapshot WHERE scope = ? AND day >= ?"
                + " ORDER BY day", scope, since);
    }

    /** Keeps a snapshot; false when the scope has one for the day already. */
    public boolean insert(String scope, LocalDate day, String team, String catalog, Instant at, JsonNode summary,
            JsonNode practices, JsonNode openFindings) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO posture_snapshot (scope, day, team, catalog, taken_at, summary, practices, open_findings)"
                                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING")) {
            s.setString(1, scope);
            s.setDate(2, Date.valueOf(day));
            s.setString(3, team);
            s.setString(4, catalog);
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, summary.toString());
            s.setString(7, practices.toString());
            s.setString(8, openFindings.toString());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed("writing a posture snapshot", e);
        }
    }

    private List<Day> read(String sql, String scope, LocalDate day) {
        List<Day> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, scope);
            s.setDate(2, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String practices = r.getString(4);
                    out.add(new Day(r.getDate(1).toLocalDate(), Json.MAPPER.readTree(r.getString(2)),
                            Json.MAPPER.readTree(r.getString(3)),
                            practices == null ? null : Json.MAPPER.readTree(practices)));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading posture snapshots failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
