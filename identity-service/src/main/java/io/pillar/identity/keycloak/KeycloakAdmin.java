package io.pillar.identity.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.platform.calls.ServiceToken;
import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;

/**
 * Keycloak's admin REST API, called as the identity-service's own service account (client credentials of its realm
 * client), which holds only realm-management's view-realm, view-users, view-clients and manage-users (to disable a
 * user when a response asks).
 */
@ApplicationScoped
public class KeycloakAdmin {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String server;
    @Inject
    ServiceToken serviceToken;

    @Inject
    public KeycloakAdmin(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> configuredIssuer) {
        // tests verify locally signed tokens and know no Keycloak: a sync then says so
        String issuer = configuredIssuer.orElse("http://keycloak.not.configured/realms/none");
        int realms = issuer.indexOf("/realms/");
        this.server = realms < 0 ? issuer : issuer.substring(0, realms);
    }

    /** GET of an admin API path under {@code /admin/realms/{realm}}; 404 gives null. */
    public JsonNode get(String realm, String path) {
        HttpRequest request = request(realm, path).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ProblemException(502, "Bad Gateway", "Keycloak refused to show realm " + realm
                    + " to the identity-service's service account (" + response.statusCode() + "): it needs "
                    + "realm-management's view-realm, view-users and view-clients in that realm");
        }
        if (response.statusCode() != 200) {
            throw new ProblemException(502, "Bad Gateway", "Keycloak answered " + response.statusCode() + " for "
                    + path + " of realm " + realm);
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new ProblemException(502, "Bad Gateway", "Keycloak's answer for " + path + " is not JSON");
        }
    }

    /** Disables a user of a realm (needs realm-management's manage-users); false when the realm has no such user. */
    public boolean disableUser(String realm, String username) {
        JsonNode found = get(realm, "/users?exact=true&username=" + URLEncoder.encode(username,
                StandardCharsets.UTF_8));
        if (found == null || found.isEmpty()) {
            return false;
        }
        String id = found.get(0).path("id").asText();
        HttpResponse<String> response = send(request(realm, "/users/" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")).build());
        if (response.statusCode() / 100 != 2) {
            throw new ProblemException(502, "Bad Gateway", "Keycloak did not disable user " + username + " of realm "
                    + realm + " (" + response.statusCode() + "): the identity-service's service account needs "
                    + "realm-management's manage-users there");
        }
        return true;
    }

    /** A request to an admin API path of the realm, with the service's own token. */
    private HttpRequest.Builder request(String realm, String path) {
        return HttpRequest.newBuilder(URI.create(server + "/admin/realms/"
                + URLEncoder.encode(realm, StandardCharsets.UTF_8) + path))
                .header("Authorization", "Bearer " + serviceToken.get()).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProblemException(502, "Bad Gateway", "Keycloak could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "interrupted while calling Keycloak");
        }
    }
}
