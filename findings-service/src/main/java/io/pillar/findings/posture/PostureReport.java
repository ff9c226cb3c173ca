package io.pillar.findings.posture;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.PostureScope;
import io.pillar.contracts.Teams;
import io.pillar.findings.repository.bulk.FindingEvidence;
import io.pillar.platform.security.Caller;

/**
 * What a review report shows, gathered once and drawn as HTML or PDF: the posture of a scope with its counts, a heatmap
 * of questions by scope (the scope itself and, for the organisation, each team of the caller's with findings), the
 * high- and medium-risk counts per question, the trend of the daily snapshots and the improvement plan.
 */
@ApplicationScoped
public class PostureReport {
    /** At most this many team columns in an organisation's heatmap (the teams with the most findings first). */
    static final int MAX_TEAM_COLUMNS = 8;
    static final int PLAN_ITEMS = 15;

    /**
     * A question's row: per column (scope), its practices at high risk, at medium risk, met (or not applicable), and
     * how many it has.
     */
    public record Row(String question, String title, List<int[]> cells) {
    }

    /** The colour of a heatmap cell: red with high risk, orange with medium, green when all met, grey otherwise. */
    public static String colour(int[] cell) {
        if (cell[0] > 0) {
            return "#c0392b";
        }
        if (cell[1] > 0) {
            return "#e67e22";
        }
        return cell[2] == cell[3] ? "#27ae60" : "#95a5a6";
    }

    public record Model(String framework, String catalog, String scope, String computedAt, JsonNode summary,
            List<String> columns, List<Row> rows, List<PostureSnapshots.Point> trend, List<JsonNode> plan) {
    }

    @Inject
    PostureService posture;
    @Inject
    PostureSnapshots snapshots;
    @Inject
    FindingEvidence findings;

    public Model model(PostureScope scope, Caller caller, Instant now) {
        PostureService.WithPlan computed = posture.withPlan(scope, caller, now);
        ObjectNode main = computed.posture();
        Map<String, ObjectNode> columns = new LinkedHashMap<>();
        columns.put(scope.toString(), main);
        if (scope.kind().equals(PostureScope.ORG)) {
            for (String team : teamsOf(caller)) {
                columns.put("team:" + team, posture.posture(new PostureScope(PostureScope.TEAM, team), caller, now));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode q : main.get("questions")) {
            List<int[]> cells = new ArrayList<>();
            for (ObjectNode doc : columns.values()) {
                JsonNode same = null;
                for (JsonNode other : doc.get("questions")) {
                    if (other.get("id").asText().equals(q.get("id").asText())) {
                        same = other;
                    }
                }
                int met = 0;
                for (JsonNode p : same.get("best_practices")) {
                    met += p.get("status").asText().equals(PostureRules.MET)
                            || p.get("status").asText().equals(PostureRules.NOT_APPLICABLE) ? 1 : 0;
                }
                cells.add(new int[]{same.get("high_risk").asInt(), same.get("medium_risk").asInt(), met,
                        same.get("best_practices").size()});
            }
            rows.add(new Row(q.get("id").asText(), q.get("title").asText(), cells));
        }
        List<PostureSnapshots.Point> trend = List.of();
        if (PostureSnapshots.trendReaches(scope, caller)) {
            trend = snapshots.trend(scope, LocalDate.now(ZoneOffset.UTC).minusDays(89));
        }
        List<JsonNode> items = new ArrayList<>();
        computed.plan().get("items").forEach(i -> {
            if (items.size() < PLAN_ITEMS) {
                items.add(i);
            }
        });
        return new Model(main.get("framework").asText(), main.get("catalog").asText(), scope.toString(),
                main.get("computed_at").asText(), main.get("summary"), List.copyOf(columns.keySet()), rows, trend,
                items);
    }

    private Set<String> teamsOf(Caller caller) {
        Set<String> out = new TreeSet<>();
        for (String team : findings.teamsWithFindings(MAX_TEAM_COLUMNS * 4)) {
            if (caller.reads(team) && Teams.isName(team) && out.size() < MAX_TEAM_COLUMNS) {
                out.add(team);
            }
        }
        return out;
    }
}
