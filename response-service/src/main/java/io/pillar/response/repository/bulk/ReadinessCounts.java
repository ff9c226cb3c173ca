package io.pillar.response.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.contracts.PostureScope;
import io.pillar.platform.posture.ScopeSql;

/**
 * How ready for incidents a posture scope is, counted in the database over the last 365 days: trigger rules,
 * playbooks (a team's and those shared with every team), runs, game days and incidents.
 */
@ApplicationScoped
public class ReadinessCounts {
    private static final String YEAR = "now() - interval '365 days'";

    /** A count and, where asked, how many of those fall short. */
    public record Share(long all, long short_) {
    }

    public record Counts(long enabledTriggers, Share seriousIncidentsWithoutEvidence, long capturingPlaybooks,
            Share playbooksNotRun, long containingPlaybooks, long gameDays, Share closedWithoutReview,
            Share incidentsWithoutAssignees) {
    }

    /** A best practice a playbook names, and the playbook's completed runs (game days among them) within the year. */
    public record NamedPractice(String practice, String playbook, long runs, long gameDays,
            java.time.Instant lastRun) {
    }

    /** The best practice ids of the CACAO labels {@code well-architected:SECnn-BPnn} of a playbook's latest version. */
    private static final String LABELLED = " FROM playbook p JOIN playbook_version v ON v.playbook_id = p.id"
            + " AND v.version = p.latest_version CROSS JOIN LATERAL (SELECT substr(x, 18) AS practice FROM"
            + " jsonb_array_elements_text(CASE WHEN jsonb_typeof(v.document::jsonb -> 'labels') = 'array'"
            + " THEN v.document::jsonb -> 'labels' ELSE '[]'::jsonb END) x"
            + " WHERE x ~ '^well-architected:SEC[0-9]{2}-BP[0-9]{2}$') l";

    @Inject
    AgroalDataSource dataSource;

    /** Every best practice some playbook names, of any team: ids only, for the list of evidence sources. */
    public java.util.SortedSet<String> namedPractices() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT l.practice" + LABELLED);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the playbooks' best practices failed: " + e.getMessage(), e);
        }
    }

    /**
     * The practices the scope's playbooks (its teams' and the shared ones) name, each with the playbook's latest
     * completed runs by the scope's teams within the year.
     */
    public List<NamedPractice> namedPractices(PostureScope scope, List<String> teams, boolean everyTeam) {
        ScopeSql playbooks = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("p.team", null, null));
        ScopeSql runs = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("r.team", null, null));
        String sql = "SELECT l.practice, p.name, count(r.id), count(r.id) FILTER (WHERE r.simulation),"
                + " max(r.created_at)" + LABELLED
                + " LEFT JOIN run r ON r.playbook_id = p.id AND r.status = 'completed' AND r.created_at > " + YEAR
                + " AND (" + runs.where() + ") WHERE (p.team IS NULL OR (" + playbooks.where() + "))"
                + " GROUP BY l.practice, p.id, p.name ORDER BY l.practice, p.name";
        List<NamedPractice> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            playbooks.bind(c, s, runs.bind(c, s, 1));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    java.sql.Timestamp last = r.getTimestamp(5);
                    out.add(new NamedPractice(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                            last == null ? null : last.toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("counting the playbooks' best practices failed: " + e.getMessage(), e);
        }
    }

    public Counts count(PostureScope scope, List<String> teams, boolean everyTeam) {
        ScopeSql playbooks = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("p.team", null, null));
        playbooks = new ScopeSql("(p.team IS NULL OR (" + playbooks.where() + "))", playbooks.params());
        ScopeSql incidents = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("i.team", null, null));
        ScopeSql triggers = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("t.team", null, null));
        ScopeSql runs = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("r.team", null, null));
        String latest = " FROM playbook p JOIN playbook_version v ON v.playbook_id = p.id AND v.version = p.latest_version";
        return new Counts(
                counts("SELECT count(*) FROM trigger_rule t WHERE t.enabled AND ", triggers)[0],
                share("SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM evidence e"
                        + " WHERE e.incident_id = i.id)) FROM incident i WHERE i.severity_id >= 4 AND i.created_at > "
                        + YEAR + " AND ", incidents),
                counts("SELECT count(*)" + latest + " WHERE v.document LIKE '%capture-evidence%' AND ", playbooks)[0],
                share("SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM run r2"
                        + " WHERE r2.playbook_id = p.id AND r2.created_at > " + YEAR + ")) FROM playbook p WHERE ",
                        playbooks),
                counts("SELECT count(*)" + latest + " WHERE v.containment AND ", playbooks)[0],
                counts("SELECT count(*) FROM run r WHERE r.simulation AND r.status = 'completed' AND r.created_at > "
                        + YEAR + " AND ", runs)[0],
                share("SELECT count(*), count(*) FILTER (WHERE i.review IS NULL) FROM incident i WHERE i.closed_at > "
                        + YEAR + " AND ", incidents),
                share("SELECT count(*), count(*) FILTER (WHERE cardinality(i.assignees) = 0) FROM incident i"
                        + " WHERE i.created_at > " + YEAR + " AND ", incidents));
    }

    private Share share(String sql, ScopeSql scope) {
        long[] c = counts(sql, scope);
        return new Share(c[0], c[1]);
    }

    private long[] counts(String sql, ScopeSql scope) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql + "(" + scope.where() + ")")) {
            scope.bind(c, s, 1);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long[] out = new long[r.getMetaData().getColumnCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = r.getLong(i + 1);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting response evidence failed: " + e.getMessage(), e);
        }
    }
}
