package io.pillar.findings.posture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.repository.bulk.FindingEvidence;
import io.pillar.platform.json.Json;

/**
 * The open items of a posture, ranked by the risk fixing them would remove: per best practice at risk, its open
 * findings weighed by severity (critical 10, high 5, medium 2, low 0.5) and its failing measures (high 10, medium 3,
 * per failing subject, at most 10 subjects each); then the practices without evidence, to observe or attest.
 */
public final class ImprovementPlan {
    /** The open findings of a practice, riskiest first, for the items; the plan names at most a few. */
    public interface OpenFindings {
        List<FindingEvidence.OpenFinding> of(String practice, int limit);
    }

    static final int FINDINGS_PER_ITEM = 5;

    public static ObjectNode of(ObjectNode posture, OpenFindings open) {
        List<ObjectNode> atRisk = new ArrayList<>();
        List<ObjectNode> unobserved = new ArrayList<>();
        for (JsonNode q : posture.get("questions")) {
            for (JsonNode p : q.get("best_practices")) {
                String status = p.get("status").asText();
                if (status.equals(PostureRules.HIGH_RISK) || status.equals(PostureRules.MEDIUM_RISK)) {
                    atRisk.add(item(q, p, open));
                } else if (status.equals(PostureRules.NO_EVIDENCE)) {
                    ObjectNode item = base(q, p, 0);
                    item.put("action", "no source observed this practice in the scope: import a scanner or "
                            + "inventory that covers it (GET /api/v1/posture/coverage), or attest it");
                    unobserved.add(item);
                }
            }
        }
        atRisk.sort(Comparator.comparingDouble((ObjectNode n) -> -n.get("risk_removed").asDouble())
                .thenComparing(n -> n.get("best_practice").asText()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("scope", posture.get("scope").asText()).put("catalog", posture.get("catalog").asText())
                .put("computed_at", posture.get("computed_at").asText());
        ArrayNode items = out.putArray("items");
        int rank = 1;
        for (ObjectNode item : atRisk) {
            items.add(item.put("rank", rank++));
        }
        for (ObjectNode item : unobserved) {
            items.add(item.put("rank", rank++));
        }
        return out;
    }

    private static ObjectNode item(JsonNode q, JsonNode p, OpenFindings open) {
        JsonNode counts = p.path("evidence").path("findings").path("open");
        double weight = counts.path("critical").asLong() * 10 + counts.path("high").asLong() * 5
                + counts.path("medium").asLong() * 2 + counts.path("low").asLong() * 0.5;
        ArrayNode measures = Json.MAPPER.createArrayNode();
        for (JsonNode s : p.path("evidence").path("sources")) {
            if ("measure".equals(s.path("kind").asText()) && s.path("failing").asLong() > 0) {
                long subjects = Math.min(10, s.get("failing").asLong());
                weight += subjects * ("high".equals(s.path("risk").asText()) ? 10 : 3);
                measures.addObject().put("service", s.get("service").asText()).put("source", s.get("id").asText())
                        .put("failing", s.get("failing").asLong()).put("risk", s.path("risk").asText())
                        .put("detail", s.path("detail").asText());
            }
        }
        ObjectNode item = base(q, p, weight);
        long openCount = counts.path("critical").asLong() + counts.path("high").asLong()
                + counts.path("medium").asLong() + counts.path("low").asLong();
        item.put("open_findings", openCount);
        ArrayNode findings = item.putArray("findings");
        if (openCount > 0) {
            for (FindingEvidence.OpenFinding f : open.of(p.get("id").asText(), FINDINGS_PER_ITEM)) {
                UUID id = f.id();
                ObjectNode n = findings.addObject().put("id", id.toString()).put("title", f.title())
                        .put("severity_id", f.severityId());
                if (f.riskScore() != null) {
                    n.put("risk_score", f.riskScore());
                }
            }
        }
        item.set("failing_measures", measures);
        return item;
    }

    private static ObjectNode base(JsonNode q, JsonNode p, double weight) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("best_practice", p.get("id").asText()).put("title", p.get("title").asText())
                .put("question", q.get("id").asText()).put("status", p.get("status").asText())
                .put("risk_removed", weight);
        return item;
    }

    private ImprovementPlan() {
    }
}
