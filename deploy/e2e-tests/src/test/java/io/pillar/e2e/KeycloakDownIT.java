package io.pillar.e2e;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;

/**
 * Keycloak killed: the gateway and the services fail closed. A token signed by a realm key they already hold is
 * honoured until it expires (its signature and expiry are checked locally); nothing else gets in, a token naming a
 * key they have not seen included (they cannot fetch it). Keycloak is started again by the supervisor.
 */
class KeycloakDownIT {
    private static final Map<String, String> READS = Map.of("PILLAR_GATEWAY_URL", "/api/v1/findings",
            "PILLAR_FINDINGS_URL", "/api/v1/findings", "PILLAR_INVENTORY_URL", "/api/v1/assets");

    @Test
    @SuppressWarnings("unchecked")
    void withKeycloakDownNothingButTokensOfKnownKeysGetsIn() throws Exception {
        String viewer = Keycloak.demoUser("viewer");
        READS.forEach((base, path) -> given().auth().oauth2(viewer).get(PlatformUnderTest.get(base) + path).then()
                .statusCode(200));
        Map<String, Object> claims = new ObjectMapper().convertValue(Keycloak.claims(viewer), Map.class);
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var builder = Jwt.claims();
        claims.forEach(builder::claim);
        String unknownKey = builder.jws().keyId("rotated-" + System.nanoTime())
                .sign(generator.generateKeyPair().getPrivate());

        String oidc = PlatformUnderTest.get("PILLAR_OIDC_URL") + "/.well-known/openid-configuration";
        kill(PlatformUnderTest.layout().pidFile("keycloak"));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !reachable(oidc));
            READS.forEach((base, path) -> {
                String url = PlatformUnderTest.get(base) + path;
                given().auth().oauth2(viewer).get(url).then().statusCode(200);
                given().auth().oauth2(unknownKey).get(url).then().statusCode(401);
                given().get(url).then().statusCode(401);
            });
        } finally {
            Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> reachable(oidc));
        }
        String after = Keycloak.demoUser("viewer");
        for (String base : List.of("PILLAR_GATEWAY_URL", "PILLAR_FINDINGS_URL")) {
            given().auth().oauth2(after).get(PlatformUnderTest.get(base) + READS.get(base)).then().statusCode(200);
        }
    }

    /** SIGKILL to the process and its children, as a crash: the supervisor starts it again. */
    private static void kill(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("keycloak " + pid
                + " is not running"));
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static boolean reachable(String url) {
        try {
            return given().get(url).statusCode() == 200;
        } catch (Exception e) { // RestAssured throws the connection's IOException undeclared
            return false;
        }
    }
}
