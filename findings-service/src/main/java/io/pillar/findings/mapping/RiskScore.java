package io.pillar.findings.mapping;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.inventory.v1.Asset;

/**
 * A finding's risk, 0 to 100: its severity weighed by what it is about. Base by severity (critical 10, high 7,
 * medium 4, low 1, informational or unknown 0); times the asset's criticality (critical 1.5, high 1.25, medium 1,
 * low 0.75), its data classification (restricted 1.5, confidential 1.25, internal 1, public 0.8) and its exposure
 * (internet-exposed 1.5); unknown factors count 1. The most exposed of the finding's assets counts. Scaled so that a
 * critical finding on an internet-exposed, critical asset holding restricted data scores 100.
 */
public final class RiskScore {
    private static final double MAX = 10 * 1.5 * 1.5 * 1.5;

    public record Scored(int score, ObjectNode factors) {
    }

    public static Scored of(int severityId, List<Asset> assets) {
        double base = switch (severityId) {
            case 5, 6 -> 10;
            case 4 -> 7;
            case 3 -> 4;
            case 2 -> 1;
            default -> 0;
        };
        double best = 0;
        Asset worst = null;
        for (Asset a : assets) {
            double f = criticality(a.getCriticality()) * classification(a.getDataClassification())
                    * (a.getInternetExposed() ? 1.5 : 1.0);
            if (worst == null || f > best) {
                best = f;
                worst = a;
            }
        }
        if (worst == null) {
            best = 1;
        }
        int score = (int) Math.round(Math.min(100, base * best * 100 / MAX));
        ObjectNode factors = JsonNodeFactory.instance.objectNode();
        factors.put("severity_base", base);
        if (worst != null) {
            factors.put("asset_id", worst.getId());
            factors.put("criticality", worst.getCriticality().isEmpty() ? null : worst.getCriticality());
            factors.put("data_classification",
                    worst.getDataClassification().isEmpty() ? null : worst.getDataClassification());
            factors.put("internet_exposed", worst.getInternetExposed());
        }
        return new Scored(score, factors);
    }

    private static double criticality(String c) {
        return switch (c) {
            case "critical" -> 1.5;
            case "high" -> 1.25;
            case "low" -> 0.75;
            default -> 1.0;
        };
    }

    private static double classification(String c) {
        return switch (c) {
            case "restricted" -> 1.5;
            case "confidential" -> 1.25;
            case "public" -> 0.8;
            default -> 1.0;
        };
    }

    private RiskScore() {
    }
}
