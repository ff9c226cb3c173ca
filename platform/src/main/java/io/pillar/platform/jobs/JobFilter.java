package io.pillar.platform.jobs;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pillar.contracts.api.Cursor;

/**
 * Which jobs a list shows, as a query on an entity with {@code team}, {@code scope}, {@code status},
 * {@code startedAt}, {@code id} (and {@code requestedBy}): newest first, after a cursor.
 */
public record JobFilter(Set<String> teams, String requester, String scope, String status, Instant since,
        Instant until) {
    public static final List<String> STATUSES = List.of("running", "completed", "failed");

    /**
     * @param teams whose jobs show (null: every team's and those of no team)
     * @param requester whose own jobs show too, whatever their team (null: nobody's)
     */
    public JobFilter {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be running, completed or failed, was " + status);
        }
    }

    /** A query (with its parameters) for the jobs that pass, after the cursor, newest first. */
    public Query query(Cursor after) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (teams != null) {
            where.append(requester == null ? " and team in :teams" : " and (team in :teams or requestedBy = :me)");
            params.put("teams", teams.isEmpty() ? Set.of("") : teams);
            if (requester != null) {
                params.put("me", requester);
            }
        }
        condition(where, params, "scope = :scope", "scope", scope);
        condition(where, params, "status = :status", "status", status);
        condition(where, params, "startedAt >= :since", "since", since);
        condition(where, params, "startedAt < :until", "until", until);
        if (after != null) {
            where.append(" and (startedAt < :time or (startedAt = :time and id < :id))");
            params.put("time", after.time());
            params.put("id", after.id());
        }
        return new Query(where + " order by startedAt desc, id desc", params);
    }

    private static void condition(StringBuilder where, Map<String, Object> params, String test, String name,
            Object value) {
        if (value != null) {
            where.append(" and ").append(test);
            params.put(name, value);
        }
    }

    public record Query(String where, Map<String, Object> params) {
    }
}
