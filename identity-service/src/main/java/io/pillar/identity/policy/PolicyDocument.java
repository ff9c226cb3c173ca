package io.pillar.identity.policy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.json.Json;

/**
 * An IAM policy document (identity, boundary, trust or resource policy) as its statements. The document may arrive as
 * JSON or as the URL-encoded JSON text that some IAM APIs return.
 */
public record PolicyDocument(List<Statement> statements) {

    public static final PolicyDocument EMPTY = new PolicyDocument(List.of());

    public static PolicyDocument parse(JsonNode doc) throws PolicyException {
        JsonNode node = doc;
        if (node != null && node.isTextual()) {
            node = fromText(node.asText());
        }
        if (node == null || !node.isObject()) {
            throw new PolicyException("$", "a policy document is a JSON object");
        }
        JsonNode statements = node.get("Statement");
        if (statements == null) {
            throw new PolicyException("$", "no Statement");
        }
        List<Statement> out = new ArrayList<>();
        if (statements.isObject()) {
            out.add(statement(statements, "$.Statement"));
        } else if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                out.add(statement(statements.get(i), "$.Statement[" + i + "]"));
            }
        } else {
            throw new PolicyException("$.Statement", "must be an object or an array of objects");
        }
        return new PolicyDocument(List.copyOf(out));
    }

    private static JsonNode fromText(String text) throws PolicyException {
        String json = text.trim().startsWith("%7B") || text.trim().startsWith("%7b")
                ? URLDecoder.decode(text, StandardCharsets.UTF_8)
                : text;
        try {
            return Json.UNTRUSTED.readTree(json);
        } catch (Exception e) {
            throw new PolicyException("$", "not JSON: " + e.getMessage());
        }
    }

    private static Statement statement(JsonNode s, String at) throws PolicyException {
        if (!s.isObject()) {
            throw new PolicyException(at, "a statement is a JSON object");
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new PolicyException(at + ".Effect", "must be Allow or Deny, was " + s.path("Effect"));
        }
        boolean notAction = s.has("NotAction");
        if (notAction == s.has("Action")) {
            throw new PolicyException(at, "needs exactly one of Action and NotAction");
        }
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"),
                at + (notAction ? ".NotAction" : ".Action"));
        for (int i = 0; i < actions.size(); i++) {
            String a = actions.get(i);
            if (!a.equals("*") && !a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw new PolicyException(at + (notAction ? ".NotAction" : ".Action") + "[" + i + "]",
                        "not an action (service:Action): " + a);
            }
        }
        if (s.has("Resource") && s.has("NotResource")) {
            throw new PolicyException(at, "has both Resource and NotResource");
        }
        boolean notResource = s.has("NotResource");
        List<String> resources = s.has("Resource") || notResource
                ? strings(s.get(notResource ? "NotResource" : "Resource"),
                        at + (notResource ? ".NotResource" : ".Resource"))
                : null;
        boolean notPrincipal = s.has("NotPrincipal");
        Map<String, List<String>> principals = principals(s.get(notPrincipal ? "NotPrincipal" : "Principal"),
                at + (notPrincipal ? ".NotPrincipal" : ".Principal"));
        JsonNode condition = s.get("Condition");
        if (condition != null && !condition.isObject()) {
            throw new PolicyException(at + ".Condition", "must be an object");
        }
        return new Statement(s.path("Sid").asText(null), effect.equals("Allow"), actions, notAction, resources,
                notResource, principals, notPrincipal, condition);
    }

    private static Map<String, List<String>> principals(JsonNode p, String at) throws PolicyException {
        if (p == null) {
            return Map.of();
        }
        if (p.isTextual()) {
            if (!p.asText().equals("*")) {
                throw new PolicyException(at, "a principal given as text must be \"*\"");
            }
            return Map.of("*", List.of("*"));
        }
        if (!p.isObject()) {
            throw new PolicyException(at, "must be \"*\" or an object of principal types");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var it = p.fields(); it.hasNext();) {
            var e = it.next();
            out.put(e.getKey(), strings(e.getValue(), at + "." + e.getKey()));
        }
        return out;
    }

    private static List<String> strings(JsonNode n, String at) throws PolicyException {
        if (n != null && n.isTextual()) {
            return List.of(n.asText());
        }
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new PolicyException(at, "must be a string or a non-empty array of strings");
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw new PolicyException(at + "[" + i + "]", "must be a string");
            }
            out.add(n.get(i).asText());
        }
        return List.copyOf(out);
    }
}
