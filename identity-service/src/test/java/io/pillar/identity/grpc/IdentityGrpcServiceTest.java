package io.pillar.identity.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pillar.contracts.Topic;
import io.pillar.contracts.identity.v1.DisableCredentialRequest;
import io.pillar.contracts.identity.v1.DisableCredentialResponse;
import io.pillar.contracts.identity.v1.GetPrincipalRequest;
import io.pillar.contracts.identity.v1.IdentityGrpc;
import io.pillar.contracts.identity.v1.Principal;
import io.pillar.platform.json.Json;
import io.pillar.testsupport.GrpcAccess;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Identity contract over real gRPC, called with a service's own token for one team's incident. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityGrpcServiceTest {
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated\n";

    @TestHTTPResource("/")
    URL url;
    @InjectKafka
    String bootstrap;
    private ManagedChannel channel;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void eachMethodAnswersOnlyTheCallersItIsFor() {
        Map<String, String> callers = GrpcAccess.usersOfEveryRoleAnd(Map.of(
                "credentials.disable", responseService(),
                "audit.read", TestTokens.serviceToken("response-service", "identity-service", Set.of("audit.read")),
                "another service's role", TestTokens.serviceToken("response-service", "identity-service",
                        Set.of("findings.update"))));
        Map<String, Set<String>> allowed = Map.of(
                "GetPrincipal", Set.of("credentials.disable", "admin"),
                "DisableCredential", Set.of("credentials.disable", "admin"),
                "ListAuditEntries", Set.of("audit.read", "admin"));
        List<String> unexpected = GrpcAccess.unexpected(channel, IdentityGrpc.getServiceDescriptor(), allowed,
                callers);
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
    }

    @Test
    void theResponseServiceDisablesAnAccessKeyOfItsTeamOnly() throws Exception {
        String account = String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L));
        String user = "leaky-" + UUID.randomUUID().toString().substring(0, 8);
        String report = HEADER + user + ",arn:aws:iam::" + account + ":user/" + user + ",2024-01-02T03:04:05+00:00,"
                + "false,N/A,N/A,N/A,false,true,2025-01-01T00:00:00+00:00,2026-11-29T00:00:00+00:00,eu-west-1,s3,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
        String teal = TestTokens.token("tess", Set.of("analyst"), Set.of("/teal"));
        given().auth().oauth2(teal).body(report.getBytes(StandardCharsets.UTF_8)).when()
                .post("/api/v1/identity/imports").then().statusCode(201).body("created", is(1));
        String id = given().auth().oauth2(teal).queryParam("account", account).queryParam("name", user).when()
                .get("/api/v1/identity/principals").then().statusCode(200).extract().path("items[0].id");

        var response = stub(responseService());
        Principal p = response.getPrincipal(GetPrincipalRequest.newBuilder().setId(id).setTeam("teal").build());
        assertEquals("arn:aws:iam::" + account + ":user/" + user, p.getExternalId());
        assertEquals("teal", p.getTeam());
        assertFalse(p.getRemoved());

        // another team's incident does not reach teal's principal, and a service must say whose incident it is
        assertCode(Status.Code.NOT_FOUND, () -> response.getPrincipal(GetPrincipalRequest.newBuilder().setId(id)
                .setTeam("navy").build()));
        assertCode(Status.Code.NOT_FOUND, () -> response.disableCredential(disable(id, "navy").build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> response.getPrincipal(GetPrincipalRequest.newBuilder()
                .setId(id).build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> response.disableCredential(disable("not-a-uuid", "teal")
                .build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> response.disableCredential(disable(id, "teal").setReason("")
                .build()));

        String run = UUID.randomUUID().toString();
        DisableCredentialResponse done = response.disableCredential(disable(id, "teal").setRunId(run)
                .setStepId("step--disable-key").build());
        assertEquals("requested", done.getStatus());
        assertFalse(done.getDisabled(), "an AWS key is disabled by an executor, not by Pillar");
        assertEquals("AKIAEXAMPLE", done.getCredentialId());

        ConsumerRecord<String, String> command = commandOf(run);
        assertEquals("teal", new String(command.headers().lastHeader("pillar-team").value(), StandardCharsets.UTF_8));
        JsonNode event = Json.MAPPER.readTree(command.value());
        assertEquals("io.pillar.response.command", event.path("type").asText());
        assertEquals("step--disable-key", event.path("data").path("step_id").asText());
        JsonNode c = event.path("data").path("command");
        assertEquals("disable-credential", c.path("action").asText());
        assertEquals(done.getActionId(), c.path("action_id").asText());
        assertEquals("arn:aws:iam::" + account + ":user/" + user, c.path("principal").asText());
        assertEquals("AKIAEXAMPLE", c.path("credential_id").asText());

        given().auth().oauth2(teal).when().get("/api/v1/identity/principals/" + id).then().statusCode(200)
                .body("credential_actions[0].status", is("requested"))
                .body("credential_actions[0].actor", is("bob via service-account-response-service"))
                .body("credential_actions[0].incident_id", is("INC-7"));
        given().auth().oauth2(TestTokens.token("audra", Set.of("auditor"), Set.of())).queryParam("target",
                "principal/" + id).when().get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("credential.disable"))
                .body("items.find { it.action == 'credential.disable' }.client", is("response-service"));
    }

    @Test
    void theLedgersEntriesAboutAResourceAreReadAndTheReadIsChained() throws Exception {
        String id = UUID.randomUUID().toString();
        String resource = "asset/" + id;
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/pillar/inventory-service",
                 "type": "io.pillar.audit.recorded", "subject": "%s", "time": "2026-12-02T08:00:00Z",
                 "data": {"actor": "ana", "action": "asset.quarantined", "resource": "%s", "outcome": "success"}}"""
                .formatted(UUID.randomUUID(), resource, resource);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("pillar.audit", resource, event))
                    .get();
        }
        var stub = stub(TestTokens.serviceToken("response-service", "identity-service", Set.of("audit.read")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> stub
                .listAuditEntries(io.pillar.contracts.identity.v1.ListAuditEntriesRequest.newBuilder()
                        .setResource(resource).setActor("bob").build())
                .getEntriesCount() == 1);
        var entry = stub.listAuditEntries(io.pillar.contracts.identity.v1.ListAuditEntriesRequest.newBuilder()
                .setResource(resource).build()).getEntries(0);
        assertEquals("asset.quarantined", entry.getAction());
        assertEquals("ana", entry.getActor());
        assertCode(Status.Code.INVALID_ARGUMENT, () -> stub.listAuditEntries(
                io.pillar.contracts.identity.v1.ListAuditEntriesRequest.newBuilder().setResource("*").build()));
        // the reads themselves are in the ledger
        given().auth().oauth2(TestTokens.token("audra", Set.of("auditor"), Set.of())).queryParam("action",
                "grpc ListAuditEntries").queryParam("limit", 500).when().get("/api/v1/audit").then()
                .statusCode(200).body("items.findAll { it.details.about == '" + resource + "' }.size()",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }

    private static DisableCredentialRequest.Builder disable(String id, String team) {
        return DisableCredentialRequest.newBuilder().setPrincipalId(id).setCredentialId("AKIAEXAMPLE")
                .setActor("bob").setReason("key seen on a public paste").setIncidentId("INC-7").setTeam(team);
    }

    private ConsumerRecord<String, String> commandOf(String run) throws Exception {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topic.RESPONSE_COMMANDS.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (Json.MAPPER.readTree(r.value()).path("data").path("run_id").asText().equals(run)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no command of run " + run + " on " + Topic.RESPONSE_COMMANDS.topicName());
    }

    private static String responseService() {
        return TestTokens.serviceToken("response-service", "identity-service", Set.of("credentials.disable"));
    }

    private static void assertCode(Status.Code expected, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(expected, e.getStatus().getCode(), e.getMessage());
    }

    private IdentityGrpc.IdentityBlockingStub stub(String token) {
        return GrpcAccess.withToken(IdentityGrpc.newBlockingStub(channel), token);
    }
}
