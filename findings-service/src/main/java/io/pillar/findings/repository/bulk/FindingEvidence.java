package io.pillar.findings.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.contracts.PostureScope;
import io.pillar.findings.posture.PostureRules;
import io.pillar.platform.json.Json;
import io.pillar.platform.posture.ScopeSql;

/**
 * The findings of a scope, counted per best practice: open ones by severity, and those seen within the evidence
 * window. A finding belongs to an account scope when one of its resources names the account or one of its assets is
 * the inventory's in that account; to a tag scope when one of its assets carries the tag.
 */
@ApplicationScoped
public class FindingEvidence {
    /** How recent a finding must be to count as a source having looked at the scope. */
    public static final int WINDOW_DAYS = 30;
    static final String OPEN = "('new', 'triaged', 'in_progress')";

    @Inject
    AgroalDataSource dataSource;

    /** Per best practice id; practices without any finding are absent. */
    public Map<String, PostureRules.Findings> perPractice(PostureScope scope, Collection<String> teams,
            boolean everyTeam, List<UUID> scopeAssets) {
        Where where = where(scope, teams, everyTeam, scopeAssets);
        String sql = "SELECT bp,"
                + " count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id >= 5),"
                + " count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id = 4),"
                + " count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id = 3),"
                + " count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id <= 2),"
                + " count(*) FILTER (WHERE f.last_seen > now() - interval '" + WINDOW_DAYS + " days'"
                + " OR f.updated_at > now() - interval '" + WINDOW_DAYS + " days')"
                + " FROM finding f CROSS JOIN LATERAL unnest(f.best_practices) bp WHERE " + where.sql
                + " GROUP BY bp";
        Map<String, PostureRules.Findings> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            where.bind(c, s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new PostureRules.Findings(r.getLong(2), r.getLong(3), r.getLong(4),
                            r.getLong(5), r.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting findings per best practice failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Remediation deadlines: an open critical finding is overdue after 7 days, an open high one after 30. */
    public static final String REMEDIATION = "measure/remediation-deadlines";

    /**
     * SEC04-BP04: whether remediation starts in time. Evaluated on the open critical and high findings (or, when
     * there are none, on those resolved within the window); failing are the overdue ones.
     */
    public PostureRules.Observed remediation(PostureScope scope, Collection<String> teams, boolean everyTeam,
            List<UUID> scopeAssets) {
        Where where = where(scope, teams, everyTeam, scopeAssets);
        String sql = "SELECT count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id >= 4),"
                + " count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id >= 5"
                + " AND f.first_seen < now() - interval '7 days'),"
                + " count(*) FILTER (WHERE f.status IN " + OPEN + " AND f.severity_id = 4"
                + " AND f.first_seen < now() - interval '30 days'),"
                + " count(*) FILTER (WHERE f.status NOT IN " + OPEN + " AND f.severity_id >= 4"
                + " AND f.updated_at > now() - interval '" + WINDOW_DAYS + " days')"
                + " FROM finding f WHERE " + where.sql;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            where.bind(c, s);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long open = r.getLong(1);
                long critical = r.getLong(2);
                long high = r.getLong(3);
                long closed = r.getLong(4);
                String detail = critical + high == 0
                        ? (open > 0
                                ? "no open critical or high finding is overdue (" + open + " open)"
                                : closed + " critical or high finding(s) closed within " + WINDOW_DAYS + " days")
                        : critical + " critical finding(s) open for more than 7 days, " + high
                                + " high finding(s) for more than 30";
                return new PostureRules.Observed("findings-service", REMEDIATION, "measure", open > 0 ? open : closed,
                        critical + high, critical > 0 ? "high" : "medium", detail);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting overdue findings failed: " + e.getMessage(), e);
        }
    }

    /** The scope's open findings by severity: critical, high, medium, low (low and informational). */
    public long[] openBySeverity(PostureScope scope, Collection<String> teams, boolean everyTeam,
            List<UUID> scopeAssets) {
        Where where = where(scope, teams, everyTeam, scopeAssets);
        String sql = "SELECT count(*) FILTER (WHERE f.severity_id >= 5), count(*) FILTER (WHERE f.severity_id = 4),"
                + " count(*) FILTER (WHERE f.severity_id = 3), count(*) FILTER (WHERE f.severity_id <= 2)"
                + " FROM finding f WHERE f.status IN " + OPEN + " AND " + where.sql;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            where.bind(c, s);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[]{r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting open findings failed: " + e.getMessage(), e);
        }
    }

    /** Teams that have findings, those with the most first. */
    public List<String> teamsWithFindings(int limit) {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT team FROM finding WHERE team IS NOT NULL GROUP BY team ORDER BY count(*) DESC, team LIMIT "
                                + limit)) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing teams failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The open findings of one practice in the scope, riskiest first (for the improvement plan). */
    public record OpenFinding(UUID id, String title, int severityId, Integer riskScore) {
    }

    public List<OpenFinding> open(String practice, PostureScope scope, Collection<String> teams, boolean everyTeam,
            List<UUID> scopeAssets, int limit) {
        Where where = where(scope, teams, everyTeam, scopeAssets);
        String sql = "SELECT f.id, f.title, f.severity_id, f.risk_score FROM finding f WHERE f.status IN " + OPEN
                + " AND f.best_practices @> ARRAY[?]::text[] AND " + where.sql
                + " ORDER BY f.severity_id DESC, f.risk_score DESC NULLS LAST, f.id LIMIT " + limit;
        List<OpenFinding> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, practice);
            where.bindFrom(c, s, 2);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int risk = r.getInt(4);
                    out.add(new OpenFinding((UUID) r.getObject(1), r.getString(2), r.getInt(3),
                            r.wasNull() ? null : risk));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading open findings failed: " + e.getMessage(), e);
        }
        return out;
    }

    private record Where(String sql, ScopeSql visible, Object[] extra) {
        void bind(Connection c, PreparedStatement s) throws SQLException {
            bindFrom(c, s, 1);
        }

        void bindFrom(Connection c, PreparedStatement s, int first) throws SQLException {
            int i = visible.bind(c, s, first);
            for (Object p : extra) {
                if (p instanceof UUID[] ids) {
                    s.setArray(i++, c.createArrayOf("uuid", ids));
                } else {
                    s.setObject(i++, p);
                }
            }
        }
    }

    private static Where where(PostureScope scope, Collection<String> teams, boolean everyTeam,
            List<UUID> scopeAssets) {
        ScopeSql visible = ScopeSql.of(PostureScope.WHOLE_ORGANISATION, teams, everyTeam,
                new ScopeSql.Columns("f.team", null, null));
        UUID[] assets = scopeAssets.toArray(UUID[]::new);
        return switch (scope.kind()) {
            case PostureScope.TEAM -> new Where(visible.where() + " AND f.team = ?", visible,
                    new Object[]{scope.value()});
            case PostureScope.ACCOUNT -> new Where(visible.where()
                    + " AND (f.asset_ids && ? OR f.resources @> ?::jsonb)", visible,
                    new Object[]{assets,
                            Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("account",
                                    scope.value())).toString()});
            case PostureScope.TAG -> new Where(visible.where() + " AND f.asset_ids && ?", visible,
                    new Object[]{assets});
            default -> new Where(visible.where(), visible, new Object[0]);
        };
    }
}
