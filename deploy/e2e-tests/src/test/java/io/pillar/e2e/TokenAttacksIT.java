package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * Tokens an attacker can make from a real one and the realm's public key, refused by the gateway and by each service
 * called directly; and a genuine token without the role a change needs, refused by the service.
 */
class TokenAttacksIT {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
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
        String pem = "-----BEGIN PUBLIC KEY-----\n" + publicKey + "\n-----END PUBLIC KEY-----\n";
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", header("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "."
                + parts[1] + ".");
        attacks.put("HS256 keyed with the realm's public key (DER)",
                hs256(kid, parts[1], Base64.getDecoder().decode(publicKey)));
        attacks.put("HS256 keyed with the realm's public key (PEM)",
                hs256(kid, parts[1], pem.getBytes(StandardCharsets.US_ASCII)));
        attacks.put("unknown key id", header("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"not-a-realm-key\"}")
                + "." + parts[1] + "." + parts[2]);
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
            String answer = oversized(url, huge);
            assertTrue(answer.equals("closed") || answer.startsWith("HTTP/1.1 431")
                    || answer.startsWith("HTTP/1.1 401"), base + " answered " + answer);
        }
    }

    /**
     * The status line of the answer to a request with this token, or "closed" when the server closed the connection
     * (it may do so while the headers are still being sent: a refusal too).
     */
    static String oversized(URI url, String token) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(15_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nAuthorization: Bearer "
                        + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                // refused before the headers were all sent; the answer may still be there to read
            }
            try {
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return line == null ? "closed" : line;
            } catch (IOException closed) {
                return "closed";
            }
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

    private static String header(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String kid, String payload, byte[] key) throws Exception {
        String signingInput = header("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
