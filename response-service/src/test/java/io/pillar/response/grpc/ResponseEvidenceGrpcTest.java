package io.pillar.response.grpc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.pillar.contracts.evidence.v1.EvidenceGrpc;
import io.pillar.contracts.evidence.v1.ListSourcesRequest;
import io.pillar.contracts.evidence.v1.Observation;
import io.pillar.contracts.evidence.v1.ObserveRequest;
import io.pillar.contracts.evidence.v1.Scope;
import io.pillar.testsupport.GrpcAccess;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The response-service's posture evidence (SEC10 measures) over real gRPC, per team. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "response"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseEvidenceGrpcTest {
    private static final String FINDINGS = TestTokens.serviceToken("findings-service", "response-service",
            Set.of("evidence.read"));
    @TestHTTPResource("/")
    URL url;
    private ManagedChannel channel;
    private final String team = "ready-" + UUID.randomUUID().toString().substring(0, 8);
    private final String otherTeam = "idle-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void connectAndPrepare() {
        channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
        given().baseUri(url.toString()).auth().oauth2(TestTokens.token("rex", Set.of("responder"), Set.of(team)))
                .contentType("application/json").body(Map.of("name", "open an incident for high findings",
                        "filter", Map.of("min_severity_id", 4), "open_incident", true))
                .when().post("/api/v1/triggers").then().statusCode(201);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheFindingsServiceAndAdminsReadEvidence() {
        Map<String, String> callers = GrpcAccess.usersOfEveryRoleAnd(Map.of("evidence.read", FINDINGS));
        Map<String, Set<String>> allowed = Map.of("ListSources", Set.of("evidence.read", "admin"),
                "Observe", Set.of("evidence.read", "admin"));
        List<String> unexpected = GrpcAccess.unexpected(channel, EvidenceGrpc.getServiceDescriptor(), allowed,
                callers);
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
    }

    @Test
    void aTeamsTriggerRuleIsItsIncidentPlanAndNoOtherTeams() {
        var sources = stub().listSources(ListSourcesRequest.getDefaultInstance()).getSourcesList();
        assertTrue(sources.stream().anyMatch(s -> s.getId().equals("measure/game-days")
                && s.getBestPracticesList().equals(List.of("SEC10-BP07"))), sources.toString());

        Map<String, Observation> ready = observe("team", team, List.of(team));
        assertEquals(0, ready.get("measure/incident-plan").getFailing(), ready.get("measure/incident-plan")
                .getDetail());
        assertTrue(ready.get("measure/playbooks-exercised").getEvaluated() > 0,
                "the shipped playbooks are every team's");
        assertEquals(1, ready.get("measure/game-days").getFailing(), "no game day yet");

        Map<String, Observation> idle = observe("team", otherTeam, List.of(otherTeam));
        assertEquals(1, idle.get("measure/incident-plan").getFailing(), "another team's trigger is not its plan");
        Map<String, Observation> peeking = observe("team", team, List.of(otherTeam));
        assertEquals(1, peeking.get("measure/incident-plan").getFailing(),
                "a scope outside the asking person's teams counts nothing of it");
        assertTrue(observe("account", "123456789012", List.of(team)).isEmpty(),
                "incident response evidence is a team's, not an account's");
    }

    /** A playbook's labels name the practices it evidences; a game day of the team makes it evidence there. */
    @Test
    void aPlaybookLabelledWithAPracticeIsItsEvidenceOnceItRanAndOnlyForItsTeam() {
        String practice = "SEC09-BP02";
        String team = "drill-" + UUID.randomUUID().toString().substring(0, 8);
        String rex = TestTokens.token("rex", Set.of("responder"), Set.of(team));
        String doc = """
                {"type": "playbook", "spec_version": "cacao-2.0", "id": "playbook--%s", "name": "TLS drill %s",
                 "created_by": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                 "created": "2026-12-03T08:00:00.000Z", "modified": "2026-12-03T08:00:00.000Z",
                 "labels": ["drill", "well-architected:%s", "well-architected:not-a-practice"],
                 "workflow_start": "start--70000000-0000-4000-8000-000000000001",
                 "workflow": {
                   "start--70000000-0000-4000-8000-000000000001": {"type": "start",
                     "on_completion": "end--70000000-0000-4000-8000-0000000000ff"},
                   "end--70000000-0000-4000-8000-0000000000ff": {"type": "end"}}}
                """.formatted(UUID.randomUUID(), team, practice);
        String playbook = given().baseUri(url.toString()).auth().oauth2(rex).contentType("application/json")
                .body(doc).when().post("/api/v1/playbooks").then().statusCode(201).extract().path("playbook.id");

        var sources = stub().listSources(ListSourcesRequest.getDefaultInstance()).getSourcesList();
        assertTrue(sources.stream().anyMatch(s -> s.getId().equals("playbooks/" + practice)
                && s.getBestPracticesList().equals(List.of(practice)) && s.getKind().equals("playbook")),
                sources.toString());
        assertTrue(sources.stream().noneMatch(s -> s.getId().contains("not-a-practice")), sources.toString());
        assertEquals(0, observe("team", team, List.of(team)).get("playbooks/" + practice).getEvaluated(),
                "a playbook nobody ran evidences nothing");

        String run = given().baseUri(url.toString()).auth().oauth2(rex).contentType("application/json")
                .body(Map.of("simulation", true, "inputs", Map.of())).when()
                .post("/api/v1/playbooks/" + playbook + "/runs").then().statusCode(201).extract().path("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> "completed".equals(
                given().baseUri(url.toString()).auth().oauth2(rex).when().get("/api/v1/runs/" + run).then()
                        .extract().path("status")));
        Observation ran = observe("team", team, List.of(team)).get("playbooks/" + practice);
        assertEquals(1, ran.getEvaluated(), ran.getDetail());
        assertTrue(ran.getDetail().contains("1 game day(s)"), ran.getDetail());
        assertTrue(ran.getDetail().contains("TLS drill " + team), ran.getDetail());

        assertTrue(!observe("team", otherTeam, List.of(otherTeam)).containsKey("playbooks/" + practice),
                "another team's playbook is no evidence of this one");
        Observation exercised = observe("team", otherTeam, List.of(otherTeam)).get("playbooks/SEC10-BP04");
        assertTrue(exercised != null && exercised.getEvaluated() == 0, "the shipped playbooks are every team's, "
                + "a team that ran none has no evidence from them: " + exercised);
    }

    private Map<String, Observation> observe(String kind, String value, List<String> teams) {
        return stub().observe(ObserveRequest.newBuilder().setScope(Scope.newBuilder().setKind(kind).setValue(value))
                .addAllTeams(teams).build()).getObservationsList().stream()
                .collect(Collectors.toMap(Observation::getSourceId, o -> o));
    }

    private EvidenceGrpc.EvidenceBlockingStub stub() {
        return GrpcAccess.withToken(EvidenceGrpc.newBlockingStub(channel), FINDINGS);
    }
}
