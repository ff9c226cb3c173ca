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

    private Map<String, Observation> observe(String kind, String value, List<String> teams) {
        return stub().observe(ObserveRequest.newBuilder().setScope(Scope.newBuilder().setKind(kind).setValue(value))
                .addAllTeams(teams).build()).getObservationsList().stream()
                .collect(Collectors.toMap(Observation::getSourceId, o -> o));
    }

    private EvidenceGrpc.EvidenceBlockingStub stub() {
        return GrpcAccess.withToken(EvidenceGrpc.newBlockingStub(channel), FINDINGS);
    }
}
