package io.pillar.inventory.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.cel.CelJson;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * A control as code: a CEL expression over one asset ({@code asset}, its document) that is true when the asset
 * complies. Loaded from a YAML file of the rules directory.
 *
 * @param resourceTypes asset types it applies to; {@code *} for every type
 * @param examples asset documents that must pass and must fail, run at load and as tests
 */
public record Rule(String id, String title, String description, String severity, Set<String> resourceTypes,
        List<String> bestPractices, String remediation, String expression, String file, Examples examples,
        CelRuntime.Program program) {

    public record Examples(List<JsonNode> pass, List<JsonNode> fail) {
    }

    public enum Outcome {
        PASS, FAIL,
        /** The expression could not decide (an attribute it needs is absent): the asset's state is left as is. */
        UNKNOWN
    }

    /** A rule that is no longer in force, known only by what its violations recorded: used to resolve them. */
    public static Rule retired(String id, String title, String severity) {
        return new Rule(id, title, title, severity, Set.of(), List.of(), "The rule is no longer in force.", "false",
                null, new Examples(List.of(), List.of()), null);
    }

    public boolean appliesTo(String type) {
        return resourceTypes.contains("*") || resourceTypes.contains(type);
    }

    public Outcome evaluate(JsonNode asset) {
        return evaluate(Map.of("asset", CelJson.of(asset)));
    }

    /** Evaluates against an asset already converted (once for all rules) with {@link #input(JsonNode)}. */
    public Outcome evaluate(Map<String, Object> input) {
        try {
            Object result = program.eval(input);
            if (result instanceof Boolean b) {
                return b ? Outcome.PASS : Outcome.FAIL;
            }
            return Outcome.UNKNOWN;
        } catch (CelEvaluationException | RuntimeException e) {
            return Outcome.UNKNOWN;
        }
    }

    public static Map<String, Object> input(JsonNode asset) {
        return Map.of("asset", CelJson.of(asset));
    }

    /**
     * The asset as rules see it; the provider's raw configuration (the largest part) only when a rule reads it.
     */
    public static Map<String, Object> input(JsonNode asset, boolean withConfiguration) {
        if (withConfiguration || !asset.has("configuration")) {
            return input(asset);
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        asset.fields().forEachRemaining(e -> {
            if (!"configuration".equals(e.getKey())) {
                fields.put(e.getKey(), CelJson.of(e.getValue()));
            }
        });
        return Map.of("asset", fields);
    }

    /** Whether the expression reads the provider's raw configuration. */
    public boolean readsConfiguration() {
        return expression.contains("configuration");
    }
}
