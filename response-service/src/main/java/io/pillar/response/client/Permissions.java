package io.pillar.response.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.calls.ServiceToken;
import io.pillar.platform.json.Json;

/**
 * What this service's own token lets it do at the other services (the client roles Keycloak put in it), so that a
 * game day can say which of a playbook's actions would be refused before any is carried out.
 */
@ApplicationScoped
public class Permissions {
    /** The client roles each Pillar action needs, as "client:role". */
    public static final Map<String, List<String>> NEEDED = Map.of(
            "quarantine-asset", List.of("inventory-service:assets.read", "inventory-service:assets.quarantine"),
            "disable-credential", List.of("identity-service:credentials.disable"),
            "update-findings", List.of("findings-service:findings.update"),
            "capture-evidence", List.of("inventory-service:assets.read", "identity-service:audit.read",
                    "identity-service:credentials.disable", "findings-service:findings.update"),
            "notify", List.of());
    @Inject
    ServiceToken token;

    /** The roles the action needs that this service's token lacks (empty when it may). */
    public List<String> missingFor(String action) {
        Set<String> held = held();
        return NEEDED.getOrDefault(action, List.of()).stream().filter(r -> !held.contains(r)).toList();
    }

    private Set<String> held() {
        String[] parts = token.get().split("\\.");
        Set<String> roles = new HashSet<>();
        try {
            JsonNode claims = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            claims.path("resource_access").properties().forEach(client -> client.getValue().path("roles")
                    .forEach(r -> roles.add(client.getKey() + ":" + r.asText())));
        } catch (Exception e) {
            // an unreadable token holds nothing: every action is reported as refused
        }
        return roles;
    }
}
