package io.pillar.inventory.parser.aws;

import static io.pillar.inventory.parser.aws.AwsJson.text;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What an IAM policy document (identity, resource or trust policy) allows. */
final class IamPolicies {

    /** A policy with an Allow statement whose principal is everyone, without a condition narrowing it. */
    static boolean allowsEveryone(JsonNode policy) {
        for (JsonNode st : statements(policy)) {
            if ("Allow".equals(text(st, "Effect")) && !st.hasNonNull("Condition")) {
                JsonNode principal = st.path("Principal");
                if (isStar(principal) || isStar(principal.path("AWS"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean allowsEverything(JsonNode policy) {
        for (JsonNode st : statements(policy)) {
            if ("Allow".equals(text(st, "Effect")) && isStar(st.path("Action")) && isStar(st.path("Resource"))) {
                return true;
            }
        }
        return false;
    }

    static boolean deniesInsecureTransport(JsonNode policy) {
        for (JsonNode st : statements(policy)) {
            JsonNode secure = st.path("Condition").path("Bool").path("aws:SecureTransport");
            if ("Deny".equals(text(st, "Effect")) && "false".equals(secure.isArray()
                    ? secure.path(0).asText()
                    : secure.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<JsonNode> statements(JsonNode policy) {
        JsonNode st = policy.path("Statement");
        return st.isArray() ? st : st.isObject() ? List.of(st) : List.of();
    }

    private static boolean isStar(JsonNode n) {
        if (n.isTextual()) {
            return "*".equals(n.asText());
        }
        if (n.isArray()) {
            for (JsonNode e : n) {
                if ("*".equals(e.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private IamPolicies() {
    }
}
