package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/** The gateway's one API document: every path of every service in it, and every path in it served. */
class OpenApiIT {

    @Test
    void everyDocumentedOperationIsServedThroughTheGateway() throws Exception {
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        String token = Keycloak.demoUser("viewer");
        given().when().get(gateway + "/api/v1/openapi.json").then().statusCode(401);
        JsonNode doc = new ObjectMapper().readTree(given().auth().oauth2(token).when()
                .get(gateway + "/api/v1/openapi.json").then().statusCode(200).extract().asString());
        JsonNode paths = doc.path("paths");
        for (String expected : List.of("/api/v1/findings", "/api/v1/findings/imports", "/api/v1/assets/{id}",
                "/api/v1/identity/principals", "/api/v1/incidents", "/api/v1/playbooks", "/api/v1/subscriptions",
                "/api/v1/audit")) {
            assertTrue(paths.has(expected), expected + " is documented");
        }
        assertTrue(paths.size() > 40, "paths: " + paths.size());
        List<String> unrouted = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            String path = p.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Response r = given().auth().oauth2(token).contentType("application/json").body("{}")
                    .when().request(method.toUpperCase(java.util.Locale.ROOT), gateway + path);
            // the service's own answer (200, 400, 403, 404 "no such ...") is fine; the gateway's "no API here" is not
            String detail = r.getContentType() != null && r.getContentType().contains("json")
                    ? String.valueOf(r.jsonPath().getString("detail"))
                    : "";
            if (r.statusCode() == 404 && detail.startsWith("no Pillar API is served")) {
                unrouted.add(method + " " + p.getKey());
            }
        }));
        assertEquals(List.of(), unrouted, "documented but not routed by the gateway");
        assertTrue(doc.at("/components/securitySchemes/bearer/scheme").asText().equals("bearer"));
    }
}
