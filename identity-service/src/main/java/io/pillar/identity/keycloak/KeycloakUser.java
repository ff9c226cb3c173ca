package io.pillar.identity.keycloak;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user of a Keycloak realm as the identity-service keeps it: roles as assigned and as in effect (through groups and
 * composite roles), and the types of its credentials ({@code password}, {@code otp}, {@code webauthn}), never their
 * values. A service account names its client.
 */
public record KeycloakUser(String username, String id, boolean enabled, String email, List<String> realmRoles,
        Map<String, List<String>> clientRoles, List<String> groups, List<String> credentialTypes,
        List<String> requiredActions, String serviceAccountClientId, Instant createdAt,
        List<String> effectiveRealmRoles, Map<String, List<String>> effectiveClientRoles) {

    public KeycloakUser {
        realmRoles = realmRoles == null ? List.of() : List.copyOf(realmRoles);
        clientRoles = clientRoles == null ? Map.of() : Map.copyOf(clientRoles);
        groups = groups == null ? List.of() : List.copyOf(groups);
        credentialTypes = credentialTypes == null ? List.of() : List.copyOf(credentialTypes);
        requiredActions = requiredActions == null ? List.of() : List.copyOf(requiredActions);
        effectiveRealmRoles = effectiveRealmRoles == null ? List.of() : List.copyOf(effectiveRealmRoles);
        effectiveClientRoles = effectiveClientRoles == null ? Map.of() : Map.copyOf(effectiveClientRoles);
    }

    public boolean hasOtp() {
        return credentialTypes.contains("otp") || credentialTypes.contains("webauthn");
    }

    public boolean hasClientRole(String client, String role) {
        return effectiveClientRoles.getOrDefault(client, List.of()).contains(role);
    }
}
