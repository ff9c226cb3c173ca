package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keycloak token -> gateway -> owning service -> its PostgreSQL database, for every read API and role. */
class ReadApiIT {
    private static final List<String> EVERY_LIST = List.of("/api/v1/findings", "/api/v1/assets",
            "/api/v1/identity/principals", "/api/v1/incidents");

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "analyst", "responder", "auditor", "analyst-payments"})
    void everyHumanRoleReadsEveryListThroughTheGateway(String user) {
        String token = Keycloak.demoUser(user);
        for (String path : EVERY_LIST) {
            given().auth().oauth2(token).queryParam("limit", 10)
                    .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + path)
                    .then().statusCode(200)
                    .body("items", instanceOf(List.class))
                    .body("$", hasKey("next_cursor"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/findings", "/api/v1/assets"})
    void theIntegrationClientReadsFindingsAndAssets(String path) {
        given().auth().oauth2(Keycloak.integration())
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + path)
                .then().statusCode(200).body("items", instanceOf(List.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/identity/principals", "/api/v1/incidents", "/api/v1/audit"})
    void theIntegrationClientIsForbiddenIdentityIncidentsAndAudit(String path) {
        given().auth().oauth2(Keycloak.integration())
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + path)
                .then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "analyst", "responder"})
    void onlyAuditorsAndAdminsReadTheAuditLedger(String user) {
        given().auth().oauth2(Keycloak.demoUser(user))
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/audit")
                .then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/findings?cursor=not-a-cursor", "/api/v1/assets?limit=100000"})
    void badPagingIsAProblemNamingTheParameter(String pathAndQuery) {
        given().auth().oauth2(Keycloak.demoUser("viewer"))
                .when().get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + pathAndQuery)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", is(400));
    }
}
