package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;

/** Who gets in, at the gateway and at each service directly: a service never trusts the network. */
class AuthenticationIT {
    private static final List<String> SERVICES = List.of("PILLAR_GATEWAY_URL", "PILLAR_FINDINGS_URL",
            "PILLAR_INVENTORY_URL", "PILLAR_IDENTITY_URL", "PILLAR_RESPONSE_URL");

    @ParameterizedTest
    @ValueSource(strings = {"PILLAR_GATEWAY_URL", "PILLAR_FINDINGS_URL"})
    void withoutATokenIsUnauthorizedButHealthIsPublic(String base) {
        String url = PlatformUnderTest.get(base);
        given().when().get(url + "/api/v1/findings").then().statusCode(401);
        given().when().get(url + "/q/metrics").then().statusCode(401);
        given().when().get(url + "/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void eachServiceVerifiesTheTokenItselfWhenCalledDirectly() {
        String viewer = Keycloak.demoUser("viewer");
        Map<String, String> paths = Map.of("PILLAR_FINDINGS_URL", "/api/v1/findings",
                "PILLAR_INVENTORY_URL", "/api/v1/assets",
                "PILLAR_IDENTITY_URL", "/api/v1/identity/principals",
                "PILLAR_RESPONSE_URL", "/api/v1/incidents");
        paths.forEach((base, path) -> {
            String url = PlatformUnderTest.get(base) + path;
            given().when().get(url).then().statusCode(401);
            given().auth().oauth2(tampered(viewer)).when().get(url).then().statusCode(401);
            given().auth().oauth2(viewer).when().get(url).then().statusCode(200);
        });
    }

    @Test
    void aTamperedOrForeignSignedTokenIsRejectedEverywhere() throws Exception {
        String viewer = Keycloak.demoUser("viewer");
        String forged = tampered(viewer);
        String foreign = foreignSigned(viewer);
        for (String base : SERVICES) {
            String path = base.equals("PILLAR_INVENTORY_URL")
                    ? "/api/v1/assets"
                    : base.equals("PILLAR_IDENTITY_URL")
                            ? "/api/v1/identity/principals"
                            : base.equals("PILLAR_RESPONSE_URL") ? "/api/v1/incidents" : "/api/v1/findings";
            String url = PlatformUnderTest.get(base) + path;
            given().auth().oauth2(forged).when().get(url).then().statusCode(401);
            given().auth().oauth2(foreign).when().get(url).then().statusCode(401);
        }
    }

    @Test
    void tokensCarryRealmRolesAndTeamsAndLiveAtMostFiveMinutes() {
        JsonNode viewer = Keycloak.claims(Keycloak.demoUser("viewer"));
        assertTrue(viewer.at("/realm_access/roles").toString().contains("\"viewer\""), viewer.toString());
        assertEquals("[\"/platform\"]", viewer.get("groups").toString());
        for (String audience : List.of("pillar-gateway", "inventory-service", "findings-service", "identity-service",
                "response-service")) {
            assertTrue(viewer.get("aud").toString().contains("\"" + audience + "\""), viewer.get("aud").toString());
        }
        assertTrue(viewer.get("exp").asLong() - viewer.get("iat").asLong() <= 300);

        JsonNode payments = Keycloak.claims(Keycloak.demoUser("analyst-payments"));
        assertEquals("[\"/payments\"]", payments.get("groups").toString());

        JsonNode integration = Keycloak.claims(Keycloak.integration());
        assertTrue(integration.at("/realm_access/roles").toString().contains("\"integration\""));
        assertTrue(integration.get("exp").asLong() - integration.get("iat").asLong() <= 300);
    }

    @Test
    void theAdminMustSetUpOtpBeforeAnyPasswordLogin() {
        Keycloak.passwordGrant("admin", PlatformUnderTest.get("PILLAR_DEMO_PASSWORD"))
                .then().statusCode(400).body("error_description", containsString("not fully set up"));
    }

    @Test
    void aWrongPasswordOrSecretGetsNoToken() {
        Keycloak.passwordGrant("viewer", "wrong-password-123")
                .then().statusCode(anyOf(is(400), is(401))).body("error", is("invalid_grant"))
                .body("access_token", nullValue());
        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", PlatformUnderTest.get("PILLAR_INTEGRATION_CLIENT_ID"))
                .formParam("client_secret", "not-the-secret")
                .post(PlatformUnderTest.get("PILLAR_OIDC_URL") + "/protocol/openid-connect/token")
                .then().statusCode(anyOf(is(400), is(401))).body("error", is("unauthorized_client"))
                .body("access_token", nullValue());
    }

    /** The same token with "admin" added to its roles; the signature no longer matches. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"roles\":[", "\"roles\":[\"admin\",");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "."
                + parts[2];
    }

    /** The same claims and key id as a real token, signed by a key Keycloak never had. */
    @SuppressWarnings("unchecked")
    private static String foreignSigned(String token) throws Exception {
        Map<String, Object> claims = new ObjectMapper().convertValue(Keycloak.claims(token), Map.class);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var builder = Jwt.claims();
        claims.forEach(builder::claim);
        return builder.jws().keyId(Keycloak.header(token).get("kid").asText())
                .sign(generator.generateKeyPair().getPrivate());
    }
}
