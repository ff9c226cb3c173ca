package io.pillar.identity.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.Topic;
import io.pillar.platform.json.Json;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Identity imports through the REST API into the real database, findings out on the real broker, team by team. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class IdentityImportResourceTest {
    private static final String IMPORTS = "/api/v1/identity/imports";
    private static final String ACCOUNT = "arn:aws:iam::111122223333:";

    @InjectKafka
    String bootstrap;

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = IdentityImportResourceTest.class.getResourceAsStream("/exports/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String token(String user, String role, String team) {
        return TestTokens.token(user, Set.of(role), Set.of("/" + team));
    }

    @Test
    void anAccountIsImportedCheckedAndKeptToItsTeam() throws Exception {
        String red = token("rita", "analyst", "red");
        String blue = token("bert", "analyst", "blue");
        byte[] authz = fixture("authz_escalation.json");

        given().auth().oauth2(red).body(authz).when().post(IMPORTS)
                .then().statusCode(201).body("format", is("aws-authorization-details"))
                .body("account", is("111122223333")).body("team", is("red")).body("created", is(10))
                .body("rejected", is(1)).body("errors[0].record", is("$.UserDetailList[2].UserPolicyList[0]"
                        + ".PolicyDocument"));

        // another team may neither import that account nor see any of it
        given().auth().oauth2(blue).body(authz).when().post(IMPORTS)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(blue).when().get("/api/v1/identity/principals?account=111122223333")
                .then().statusCode(200).body("items", empty());
        given().auth().oauth2(blue).when().get("/api/v1/identity/who-can?action=iam:CreatePolicyVersion")
                .then().statusCode(200).body("principals", empty());

        String dev = given().auth().oauth2(red).when()
                .get("/api/v1/identity/principals?account=111122223333&type=user&name=DEV")
                .then().statusCode(200).body("items.size()", is(1)).extract().path("items[0].id");
        given().auth().oauth2(blue).when().get("/api/v1/identity/principals/" + dev).then().statusCode(404);
        given().auth().oauth2(red).when().get("/api/v1/identity/principals/" + dev)
                .then().statusCode(200).body("can_assume[0].arn", is(ACCOUNT + "role/hop1"))
                .body("violations.check", hasItem("privilege-escalation/iam-001"))
                .body("changes[0].change", is("added"));
        given().auth().oauth2(red).when().get("/api/v1/identity/who-can?action=iam:CreatePolicyVersion")
                .then().statusCode(200)
                .body("principals.find { it.arn == '" + ACCOUNT + "role/hop3' }.via[0]",
                        is("inline policy policy-writer"))
                .body("principals.find { it.arn == '" + ACCOUNT + "role/hop2' }.through_role",
                        is(ACCOUNT + "role/hop3"));

        Map<String, JsonNode> findings = findings("111122223333",
                "pillar-identity:privilege-escalation/lambda-001:" + ACCOUNT + "user/ana", "red");
        JsonNode lambda = findings.get("pillar-identity:privilege-escalation/lambda-001:" + ACCOUNT + "user/ana");
        assertEquals("critical", lambda.path("data").path("severity").asText());
        assertTrue(findings.containsKey("pillar-identity:iam-role-trust-any-principal:" + ACCOUNT + "role/open"));

        // the same export again changes nothing; then the credentials arrive
        given().auth().oauth2(red).body(authz).when().post(IMPORTS)
                .then().statusCode(201).body("unchanged", is(10)).body("findings", is(0)).body("resolved", is(0));
        given().auth().oauth2(red).body(fixture("credential_report.csv")).when().post(IMPORTS)
                .then().statusCode(201).body("format", is("aws-credential-report")).body("created", is(1))
                .body("updated", is(2));
        findings("111122223333", "pillar-identity:root-access-keys:" + ACCOUNT + "root", "red");

        // what Access Analyzer sees of the account joins its picture; a finding of another account is refused
        given().auth().oauth2(red).body(fixture("access_analyzer.json")).when().post(IMPORTS)
                .then().statusCode(201).body("format", is("aws-access-analyzer")).body("received", is(3))
                .body("rejected", is(1)).body("findings", is(2)).body("unchanged", is(0));
        findings("111122223333", "pillar-identity:access-analyzer-external-access:arn:aws:s3:::red-public-site",
                "red");
    }

    @Test
    void aKeycloakRealmIsImportedAndAUserGoneIsRemoved() throws Exception {
        String green = token("gil", "analyst", "green");
        byte[] realm = fixture("keycloak_realm.json");
        given().auth().oauth2(green).body(realm).when().post(IMPORTS)
                .then().statusCode(201).body("format", is("keycloak-realm")).body("account", is("keycloak:shop"))
                .body("created", is(4)).body("rejected", is(1));
        given().auth().oauth2(green).when()
                .get("/api/v1/identity/principals?account=keycloak:shop&type=keycloak-user&name=olga")
                .then().statusCode(200).body("items[0].mfa_enabled", is(false));
        findings("keycloak:shop", "pillar-identity:keycloak-privileged-user-without-otp:keycloak:shop/user/olga",
                "green");

        String withoutOlga = new String(realm, StandardCharsets.UTF_8)
                .replace("\"username\": \"olga\"", "\"username\": \"oleg\", \"x\": 1")
                .replace("\"groups\": [\"/ops/night\"]", "\"groups\": []");
        given().auth().oauth2(green).body(withoutOlga).when().post(IMPORTS)
                .then().statusCode(201).body("removed", is(1)).body("created", is(1)).body("resolved", is(1));
        given().auth().oauth2(token("rita", "analyst", "red")).when()
                .get("/api/v1/identity/principals?account=keycloak:shop").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void badExportsAreRefusedClearly() {
        String admin = TestTokens.token("ada", Set.of("admin"), Set.of());
        given().auth().oauth2(admin).body("{\"hello\": 1}").when().post(IMPORTS)
                .then().statusCode(415).contentType("application/problem+json")
                .body("supported_formats", hasItem("aws-credential-report"));
        given().auth().oauth2(admin).body("{\"UserDetailList\": [}").when().post(IMPORTS)
                .then().statusCode(415).body("detail", org.hamcrest.Matchers.containsString("does not parse"));
        given().auth().oauth2(admin).body("{\"UserDetailList\": [{\"UserName\": \"x\"}]}")
                .when().post(IMPORTS + "?format=aws-authorization-details")
                .then().statusCode(400).body("at", is("$"));
        given().auth().oauth2(TestTokens.token("svc", Set.of("integration"), Set.of()))
                .when().get("/api/v1/identity/principals").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("vic", Set.of("viewer"), Set.of("/red"))).body("{}")
                .when().post(IMPORTS).then().statusCode(403);
    }

    /** The identity findings of an account on pillar.findings.raw (by uid), once the expected one arrived. */
    private Map<String, JsonNode> findings(String account, String expected, String team) throws Exception {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, JsonNode> out = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.FINDINGS_RAW.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = Json.MAPPER.readTree(r.value());
                    if (event.path("data").path("resources").path(0).path("account").asText().equals(account)) {
                        assertEquals(team, new String(r.headers().lastHeader("pillar-team").value(),
                                StandardCharsets.UTF_8));
                        out.put(event.path("data").path("uid").asText(), event);
                    }
                }
                if (out.containsKey(expected)) {
                    return out; // the outbox relays an import's events in one batch, in order
                }
            }
        }
        throw new AssertionError(expected + " did not arrive; " + out.size() + " findings of " + account + " did");
    }
}
