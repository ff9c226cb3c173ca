package io.pillar.platform.posture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.pillar.contracts.PostureScope;

/**
 * A posture scope, and the teams whose data the asking person reads, as a SQL condition over one table: the same
 * rule in every service that gives evidence. A scope kind the table cannot express (no account column, no tags)
 * matches nothing, so evidence never reaches beyond what was asked.
 *
 * @param where the condition, with {@code ?} placeholders
 * @param params what to bind to them, in order (a {@code String[]} is bound as a text array)
 */
public record ScopeSql(String where, List<Object> params) {

    /**
     * The table's columns: its team, its account (null when it has none) and a JSON object of tags (null when none).
     */
    public record Columns(String team, String account, String tags) {
    }

    public static ScopeSql of(PostureScope scope, Collection<String> teams, boolean everyTeam, Columns columns) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        switch (scope.kind()) {
            case PostureScope.TEAM -> {
                conditions.add(columns.team() + " = ?");
                params.add(scope.value());
            }
            case PostureScope.ACCOUNT -> {
                if (columns.account() == null) {
                    conditions.add("false");
                } else {
                    conditions.add(columns.account() + " = ?");
                    params.add(scope.value());
                }
            }
            case PostureScope.TAG -> {
                if (columns.tags() == null) {
                    conditions.add("false");
                } else {
                    conditions.add("(" + columns.tags() + ") ->> ? = ?");
                    params.add(scope.tagKey());
                    params.add(scope.tagValue());
                }
            }
            default -> {
                // the whole organisation: no condition but the teams'
            }
        }
        if (!everyTeam) {
            conditions.add(columns.team() + " = ANY(?)");
            params.add(teams.toArray(String[]::new));
        }
        return new ScopeSql(conditions.isEmpty() ? "true" : String.join(" AND ", conditions), List.copyOf(params));
    }

    /** Binds the parameters from the given index on; answers the next free index. */
    public int bind(Connection c, PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            if (p instanceof String[] array) {
                s.setArray(i++, c.createArrayOf("text", array));
            } else {
                s.setObject(i++, p);
            }
        }
        return i;
    }
}
