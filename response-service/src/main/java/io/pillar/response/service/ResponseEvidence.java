package io.pillar.response.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.contracts.PostureScope;
import io.pillar.platform.posture.ScopeSql;

/**
 * What the response-service gives as posture evidence for SEC10: measures over a year of playbooks, runs, game days,
 * trigger rules and incidents. Incident preparedness is a team's: an account or tag scope gets no response evidence.
 */
@ApplicationScoped
public class ResponseEvidence {
    public static final String CATALOG = "2024-06-27";
    private static final String YEAR = "now() - interval '365 days'";

    public record Source(String id, String title, List<String> bestPractices, String kind) {
    }

    public record Observation(String sourceId, long evaluated, long failing, String risk, String detail) {
    }

    static final List<Source> SOURCES = List.of(
            new Source("measure/incident-plan", "Trigger rules turn a team's findings into incidents or runs",
                    List.of("SEC10-BP02"), "measure"),
            new Source("measure/forensics", "Serious incidents have evidence captured; playbooks capture it",
                    List.of("SEC10-BP03"), "measure"),
            new Source("measure/playbooks-exercised", "Each playbook ran, for real or in a game day, within a year",
                    List.of("SEC10-BP04"), "measure"),
            new Source("measure/containment-ready", "Playbooks that contain (quarantine, disable) are in place",
                    List.of("SEC10-BP06"), "measure"),
            new Source("measure/game-days", "A game day (simulated run) completed within a year",
                    List.of("SEC10-BP07"), "measure"),
            new Source("measure/post-incident-reviews", "Closed incidents carry a post-incident review",
                    List.of("SEC10-BP08"), "measure"),
            new Source("measure/incident-owners", "Incidents have people assigned", List.of("SEC10-BP01"),
                    "measure"));

    @Inject
    AgroalDataSource dataSource;

    public List<Source> sources() {
        return SOURCES;
    }

    public List<Observation> observe(PostureScope scope, List<String> teams, boolean everyTeam) {
        if (!scope.kind().equals(PostureScope.ORG) && !scope.kind().equals(PostureScope.TEAM)) {
            return List.of();
        }
        ScopeSql playbooks = shared(ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("p.team", null, null)));
        ScopeSql incidents = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("i.team", null, null));
        ScopeSql triggers = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("t.team", null, null));
        ScopeSql runs = ScopeSql.of(scope, teams, everyTeam, new ScopeSql.Columns("r.team", null, null));
        List<Observation> out = new ArrayList<>();

        long enabledTriggers = count("SELECT count(*) FROM trigger_rule t WHERE t.enabled AND ", triggers);
        out.add(new Observation("measure/incident-plan", 1, enabledTriggers > 0 ? 0 : 1, "medium",
                enabledTriggers > 0
                        ? enabledTriggers + " enabled trigger rule(s) open incidents or start playbooks"
                        : "no enabled trigger rule: findings open no incident and start no playbook"));

        long[] serious = counts("SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM evidence e"
                + " WHERE e.incident_id = i.id)) FROM incident i WHERE i.severity_id >= 4 AND i.created_at > " + YEAR
                + " AND ", incidents);
        long capturing = count("SELECT count(*) FROM playbook p JOIN playbook_version v ON v.playbook_id = p.id"
                + " AND v.version = p.latest_version WHERE v.document LIKE '%capture-evidence%' AND ", playbooks);
        if (serious[0] > 0) {
            out.add(new Observation("measure/forensics", serious[0], serious[1], "medium", serious[1] == 0
                    ? "every one of " + serious[0] + " high or critical incident(s) of the year has evidence captured"
                    : serious[1] + " of " + serious[0] + " high or critical incident(s) of the year have no evidence"
                            + " captured"));
        } else {
            out.add(new Observation("measure/forensics", 1, capturing > 0 ? 0 : 1, "medium", capturing > 0
                    ? capturing + " playbook(s) capture evidence (no serious incident this year)"
                    : "no playbook captures evidence, and no serious incident this year"));
        }

        long[] exercised = counts("SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM run r2"
                + " WHERE r2.playbook_id = p.id AND r2.created_at > " + YEAR + ")) FROM playbook p WHERE ", playbooks);
        out.add(exercised[0] == 0
                ? new Observation("measure/playbooks-exercised", 1, 1, "high", "no incident response playbook")
                : new Observation("measure/playbooks-exercised", exercised[0], exercised[1], "medium",
                        exercised[1] == 0
                                ? "every one of " + exercised[0] + " playbook(s) ran within a year"
                                : exercised[1] + " of " + exercised[0] + " playbook(s) did not run within a year"));

        long containing = count("SELECT count(*) FROM playbook p JOIN playbook_version v ON v.playbook_id = p.id"
                + " AND v.version = p.latest_version WHERE v.containment AND ", playbooks);
        out.add(new Observation("measure/containment-ready", 1, containing > 0 ? 0 : 1, "medium", containing > 0
                ? containing + " playbook(s) contain automatically (quarantine an asset, disable a credential)"
                : "no playbook contains automatically"));

        long gameDays = count("SELECT count(*) FROM run r WHERE r.simulation AND r.status = 'completed'"
                + " AND r.created_at > " + YEAR + " AND ", runs);
        out.add(new Observation("measure/game-days", 1, gameDays > 0 ? 0 : 1, "medium", gameDays > 0
                ? gameDays + " game day run(s) completed within a year"
                : "no game day completed within a year"));

        long[] closed = counts("SELECT count(*), count(*) FILTER (WHERE i.review IS NULL) FROM incident i"
                + " WHERE i.closed_at > " + YEAR + " AND ", incidents);
        if (closed[0] > 0) {
            out.add(new Observation("measure/post-incident-reviews", closed[0], closed[1], "medium", closed[1] == 0
                    ? "every one of " + closed[0] + " incident(s) closed this year has a review"
                    : closed[1] + " of " + closed[0] + " incident(s) closed this year have no review"));
        }
        long[] owned = counts("SELECT count(*), count(*) FILTER (WHERE cardinality(i.assignees) = 0) FROM incident i"
                + " WHERE i.created_at > " + YEAR + " AND ", incidents);
        if (owned[0] > 0) {
            out.add(new Observation("measure/incident-owners", owned[0], owned[1], "medium", owned[1] == 0
                    ? "every one of " + owned[0] + " incident(s) of the year has people assigned"
                    : owned[1] + " of " + owned[0] + " incident(s) of the year have nobody assigned"));
        }
        return out;
    }

    /** Playbooks shared with every team (team null) are every team's. */
    private static ScopeSql shared(ScopeSql scope) {
        return new ScopeSql("(p.team IS NULL OR (" + scope.where() + "))", scope.params());
    }

    private long count(String sql, ScopeSql scope) {
        return counts(sql, scope)[0];
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
