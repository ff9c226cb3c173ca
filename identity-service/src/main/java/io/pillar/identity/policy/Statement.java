package io.pillar.identity.policy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One statement of an IAM policy. {@code actions} are the patterns of {@code Action}, or of {@code NotAction} when
 * {@code notAction}; likewise resources ({@code null} when the statement names none, as trust policies do) and the
 * principals of a trust or resource policy (by type: {@code AWS}, {@code Service}, {@code Federated}, or {@code *}).
 */
public record Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
        boolean notResource, Map<String, List<String>> principals, boolean notPrincipal, JsonNode condition) {

    public boolean conditional() {
        return condition != null && !condition.isEmpty();
    }

    /** Whether the statement covers the action (IAM compares action names without regard to case). */
    public boolean coversAction(String action) {
        boolean listed = false;
        for (String pattern : actions) {
            if (Glob.matches(pattern, action, true)) {
                listed = true;
                break;
            }
        }
        return listed != notAction;
    }

    /** Every resource, whatever the pattern: {@code Resource: "*"} (or no resource element at all). */
    public boolean onEveryResource() {
        return resources == null || (!notResource && resources.contains("*"));
    }
}
