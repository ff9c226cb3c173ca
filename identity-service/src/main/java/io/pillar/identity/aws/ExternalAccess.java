package io.pillar.identity.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An IAM Access Analyzer finding: a resource of the account that a principal outside it (another account, a
 * federated identity, anyone) may reach, with which actions, under which condition, and its status
 * ({@code ACTIVE}, {@code ARCHIVED}, {@code RESOLVED}).
 */
public record ExternalAccess(String id, String resource, String resourceType, Map<String, String> principal,
        List<String> actions, boolean isPublic, JsonNode condition, String status, Instant analyzedAt) {

    public ExternalAccess {
        principal = principal == null ? Map.of() : Map.copyOf(principal);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean conditional() {
        return condition != null && !condition.isNull() && !condition.isEmpty();
    }
}
