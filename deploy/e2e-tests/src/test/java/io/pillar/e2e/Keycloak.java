package io.pillar.e2e;

import static io.restassured.RestAssured.given;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/** Tokens from the real Keycloak of the platform under test. */
final class Keycloak {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String clientCredentials(String clientId, String secret) {
        return accessToken(given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret).post(tokenUrl()));
    }

    static Response passwordGrant(String user, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", PlatformUnderTest.get("PILLAR_CLI_CLIENT_ID"))
                .formParam("username", user).formParam("password", password).post(tokenUrl());
    }

    static String demoUser(String user) {
        return accessToken(passwordGrant(user, PlatformUnderTest.get("PILLAR_DEMO_PASSWORD")));
    }

    static String integration() {
        return clientCredentials(PlatformUnderTest.get("PILLAR_INTEGRATION_CLIENT_ID"),
                PlatformUnderTest.get("PILLAR_INTEGRATION_CLIENT_SECRET"));
    }

    /**
     * A confidential client made for one test through the admin API (client credentials, no roles, no audience
     * mappers); returns its secret. Remove it with {@link #removeClient}.
     */
    static String newClient(String clientId) {
        String admin = adminToken();
        given().auth().oauth2(admin).contentType("application/json")
                .body(java.util.Map.of("clientId", clientId, "publicClient", false, "serviceAccountsEnabled", true,
                        "standardFlowEnabled", false, "directAccessGrantsEnabled", false))
                .post(adminRealm() + "/clients").then().statusCode(201);
        String id = given().auth().oauth2(admin).queryParam("clientId", clientId).get(adminRealm() + "/clients")
                .jsonPath().getString("[0].id");
        return given().auth().oauth2(admin).get(adminRealm() + "/clients/" + id + "/client-secret").jsonPath()
                .getString("value");
    }

    static void removeClient(String clientId) {
        String admin = adminToken();
        String id = given().auth().oauth2(admin).queryParam("clientId", clientId).get(adminRealm() + "/clients")
                .jsonPath().getString("[0].id");
        given().auth().oauth2(admin).delete(adminRealm() + "/clients/" + id).then().statusCode(204);
    }

    /** A user made for one test through the admin API, with a password and no roles; returns its id. */
    static String newUser(String username, String password) {
        String admin = adminToken();
        given().auth().oauth2(admin).contentType("application/json")
                .body(java.util.Map.of("username", username, "enabled", true, "email", username + "@example.org",
                        "emailVerified", true, "firstName", username, "lastName", "Test",
                        "credentials", java.util.List.of(java.util.Map.of("type", "password", "value", password,
                                "temporary", false))))
                .post(adminRealm() + "/users").then().statusCode(201);
        return given().auth().oauth2(admin).queryParam("username", username).queryParam("exact", true)
                .get(adminRealm() + "/users").jsonPath().getString("[0].id");
    }

    /** Gives a user made by {@link #newUser} a realm role (admin, analyst, ...). */
    static void grantRealmRole(String userId, String role) {
        String admin = adminToken();
        Object representation = given().auth().oauth2(admin).get(adminRealm() + "/roles/" + role).then()
                .statusCode(200).extract().as(java.util.Map.class);
        given().auth().oauth2(admin).contentType("application/json").body(java.util.List.of(representation))
                .post(adminRealm() + "/users/" + userId + "/role-mappings/realm").then().statusCode(204);
    }

    static boolean userEnabled(String id) {
        return given().auth().oauth2(adminToken()).get(adminRealm() + "/users/" + id).jsonPath()
                .getBoolean("enabled");
    }

    static void removeUser(String id) {
        given().auth().oauth2(adminToken()).delete(adminRealm() + "/users/" + id).then().statusCode(204);
    }

    private static String adminToken() {
        return accessToken(given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", PlatformUnderTest.get("PILLAR_KEYCLOAK_ADMIN_USER"))
                .formParam("password", PlatformUnderTest.get("PILLAR_KEYCLOAK_ADMIN_PASSWORD"))
                .post(PlatformUnderTest.get("PILLAR_KEYCLOAK_URL") + "/realms/master/protocol/openid-connect/token"));
    }

    private static String adminRealm() {
        return PlatformUnderTest.get("PILLAR_KEYCLOAK_URL") + "/admin/realms/" + PlatformUnderTest.get("PILLAR_REALM");
    }

    static JsonNode claims(String token) {
        return part(token, 1);
    }

    static JsonNode header(String token) {
        return part(token, 0);
    }

    private static JsonNode part(String token, int index) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String accessToken(Response response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "Keycloak refused the token request to " + tokenUrl() + ": " + response.statusCode() + " "
                            + response.body().asString());
        }
        return response.jsonPath().getString("access_token");
    }

    private static String tokenUrl() {
        return PlatformUnderTest.get("PILLAR_OIDC_URL") + "/protocol/openid-connect/token";
    }

    private Keycloak() {
    }
}
