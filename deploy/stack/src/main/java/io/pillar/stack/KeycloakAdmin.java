package io.pillar.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Keycloak's admin API as the bootstrap admin of the master realm, for what the stack sets up at start. */
final class KeycloakAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String bearer;

    private KeycloakAdmin(String base, String bearer) {
        this.base = base;
        this.bearer = bearer;
    }

    static KeycloakAdmin login(Ports ports, Secrets secrets) throws IOException, InterruptedException {
        return login(ports.url(ports.keycloak()), secrets.get("PILLAR_KEYCLOAK_ADMIN_PASSWORD"));
    }

    /** Logs in at Keycloak's base URL ({@code http://host:port}) as {@code admin} with this password. */
    static KeycloakAdmin login(String base, String adminPassword) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base
                + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin"
                        + "&password=" + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's admin login failed: " + login.statusCode());
        }
        return new KeycloakAdmin(base, "Bearer " + JSON.readTree(login.body()).path("access_token").asText());
    }

    /** GET of an admin path ({@code /admin/realms/...}); anything but 200 fails. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request(path).GET());
        expect(r, 200, "GET " + path);
        return JSON.readTree(r.body());
    }

    /** A POST of JSON; the status is returned (201 created, 409 exists). */
    int post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers
                        .ofString(body instanceof String s ? s : JSON.writeValueAsString(body))))
                .statusCode();
    }

    int delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("Keycloak answered " + r.statusCode() + " to " + what);
        }
    }
}
