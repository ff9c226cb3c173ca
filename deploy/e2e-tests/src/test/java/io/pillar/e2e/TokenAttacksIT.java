package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pillar.testsupport.ForgedTokens;

/**
 * Tokens an attacker can make from a real one and the realm's public key, refused by the gateway and by each service
 * called directly; and a genuine token without the role a change needs, refused by the service.
 */
class TokenAttacksIT {
    private static final Map<String, String> READS = Map.of("PILLAR_GATEWAY_URL", "/api/v1/findings",
            "PILLAR_FINDINGS_URL", "/api/v1/findings", "PILLAR_INVENTORY_URL", "/api/v1/assets",
            "PILLAR_IDENTITY_URL", "/api/v1/identity/principals", "PILLAR_RESPONSE_URL", "/api/v1/incidents");

    @Test
    void forgedTokensAreRefusedEverywhere() throws Exception {
        String real = Keycloak.demoUser("viewer");
        String[] parts = real.split("\\.");
        String kid = Keycloak.header(real).get("kid").asText();
        String publicKey = given().get(PlatformUnderTest.get("PILLAR_OIDC_URL")).then().statusCode(200).extract()
                .path("public_key");
        String pem = ForgedTokens.pem(Base64.getDecoder().decode(publicKey));
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", ForgedTokens.algNone(parts[1], kid));
        attacks.put("HS256 keyed with the realm's public key (DER)",
                ForgedTokens.hs256(parts[1], kid, Base64.getDecoder().decode(publicKey)));
        attacks.put("HS256 keyed with the realm's public key (PEM)",
                ForgedTokens.hs256(parts[1], kid, pem.getBytes(StandardCharsets.US_ASCII)));
        attacks.put("unknown key id", ForgedTokens.header("RS256", "not-a-realm-key") + "." + parts[1] + "."
                + parts[2]);
        attacks.put("signature of another token", parts[0] + "." + parts[1] + "."
                + Keycloak.demoUser("analyst").split("\\.")[2]);
        for (Map.Entry<String, String> base : READS.entrySet()) {
            String url = PlatformUnderTest.get(base.getKey()) + base.getValue();
            given().auth().oauth2(real).when().get(url).then().statusCode(200);
            attacks.forEach((attack, token) -> given().auth().oauth2(token).when().get(url).then()
                    .log().ifValidationFails().statusCode(401));
        }
    }

    @Test
    void anOversizedTokenIsRefused() throws Exception {
        String huge = "eyJhbGciOiJSUzI1NiJ9." + "A".repeat(64 * 1024) + ".sig";
        for (String base : READS.keySet()) {
            URI url = URI.create(PlatformUnderTest.get(base) + READS.get(base));
            String answer = ForgedTokens.answerTo(url, huge);
            assertTrue(answer.equals("closed") || answer.startsWith("HTTP/1.1 431")
                    || answer.startsWith("HTTP/1.1 401"), base + " answered " + answer);
        }
    }

    @Test
    void aGenuineTokenWithoutTheRoleIsRefusedByTheService() {
        String viewer = Keycloak.demoUser("viewer");
        for (String base : List.of("PILLAR_GATEWAY_URL", "PILLAR_FINDINGS_URL")) {
            given().auth().oauth2(viewer).contentType("application/json").body("{\"findings\": []}")
                    .when().post(PlatformUnderTest.get(base) + "/api/v1/findings/imports?format=pillar")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
