package io.pillar.identity.client;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pillar.platform.problem.ProblemException;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;

/**
 * The identity-service's own access token (client credentials of its Keycloak client), for what it calls: Keycloak's
 * admin API and the inventory-service. Kept until it is about to expire.
 */
@ApplicationScoped
public class ServiceToken {
    @Inject
    OidcClient oidc;
    @ConfigProperty(name = "quarkus.oidc-client.credentials.secret")
    Optional<String> secret;

    private volatile Tokens tokens;

    public String get() {
        if (secret.filter(s -> !s.isBlank()).isEmpty()) {
            throw new ProblemException(503, "Service Unavailable", "the identity-service has no client secret "
                    + "(PILLAR_IDENTITY_CLIENT_SECRET) to call other services with");
        }
        Tokens current = tokens;
        if (current == null || current.isAccessTokenWithinRefreshInterval() || current.isAccessTokenExpired()) {
            try {
                current = oidc.getTokens().await().atMost(Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                throw new ProblemException(502, "Bad Gateway", "Keycloak gave the identity-service no token: "
                        + e.getMessage());
            }
            tokens = current;
        }
        return current.getAccessToken();
    }
}
