package io.pillar.identity.keycloak;

import java.util.List;
import java.util.Map;

/**
 * A Keycloak realm as the checks see it: its security settings, clients, roles and groups (kept with the account),
 * and its users (kept as principals). Secrets of the export (client secrets, credential values) are never read.
 */
public record KeycloakRealm(Settings settings, List<Client> clients, List<KeycloakUser> users) {

    public KeycloakRealm {
        clients = clients == null ? List.of() : List.copyOf(clients);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** The realm's security settings; null where the export does not say (Keycloak's default then applies). */
    public record Settings(String realm, Boolean enabled, Boolean bruteForceProtected, String passwordPolicy,
            Integer accessTokenLifespan, Integer ssoSessionMaxLifespan, Integer ssoSessionIdleTimeout,
            String sslRequired, Boolean registrationAllowed, Map<String, List<String>> realmRoleComposites) {
    }

    /** A client: how it signs users in and what its tokens may carry. */
    public record Client(String clientId, Boolean enabled, Boolean publicClient, Boolean bearerOnly,
            List<String> redirectUris, List<String> webOrigins, Boolean fullScopeAllowed,
            Boolean serviceAccountsEnabled, Boolean directAccessGrantsEnabled, Boolean implicitFlowEnabled,
            Integer accessTokenLifespan) {
    }

    /** The account id of a realm among the identity-service's accounts. */
    public static String accountOf(String realm) {
        return "keycloak:" + realm;
    }
}
