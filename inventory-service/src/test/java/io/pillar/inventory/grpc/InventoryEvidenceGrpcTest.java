package io.pillar.inventory.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pillar.contracts.evidence.v1.EvidenceGrpc;
import io.pillar.contracts.evidence.v1.ListSourcesRequest;
import io.pillar.contracts.evidence.v1.Observation;
import io.pillar.contracts.evidence.v1.ObserveRequest;
import io.pillar.contracts.evidence.v1.ObserveResponse;
import io.pillar.contracts.evidence.v1.Scope;
import io.pillar.inventory.RulesDirResource;
import io.pillar.testsupport.GrpcAccess;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The inventory's posture evidence over real gRPC, with assets of two teams in a real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RulesDirResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryEvidenceGrpcTest {
    private static final String FINDINGS = TestTokens.serviceToken("findings-service", "inventory-service",
            Set.of("evidence.read"));
    @TestHTTPResource("/")
    URL url;
    private ManagedChannel channel;
    private final String app = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    private final String account = String.valueOf(100000000000L + (System.nanoTime() % 899999999999L));

    @BeforeAll
    void connectAndImport() {
        channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
        String admin = TestTokens.token("root", Set.of("admin"), Set.of());
        String assets = """
                {"assets": [
                 {"type": "vpc", "natural_id": "vpc-%1$s-a", "account": "%2$s", "owner_team": "platform",
                  "environment": "production", "tags": {"app": "%1$s"}, "attributes": {"flow_logs_enabled": true}},
                 {"type": "vpc", "natural_id": "vpc-%1$s-b", "account": "%2$s", "owner_team": "payments",
                  "environment": "staging", "tags": {"app": "%1$s"}, "attributes": {"flow_logs_enabled": false}},
                 {"type": "unknown_widget", "natural_id": "widget-%1$s", "account": "%2$s",
                  "owner_team": "payments", "environment": "staging", "tags": {"app": "%1$s"}}
                ]}""".formatted(app, account);
        given().baseUri(url.toString()).auth().oauth2(admin).contentType("application/json")
                .queryParam("format", "pillar").body(assets)
                .when().post("/api/v1/assets/imports").then().statusCode(200).body("created", is(3));
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheFindingsServiceAndAdminsReadEvidence() {
        Map<String, String> callers = GrpcAccess.usersOfEveryRoleAnd(Map.of(
                "evidence.read", FINDINGS,
                "assets.resolve", TestTokens.serviceToken("findings-service", "inventory-service",
                        Set.of("assets.resolve"))));
        Map<String, Set<String>> allowed = Map.of(
                "ListSources", Set.of("evidence.read", "admin"),
                "Observe", Set.of("evidence.read", "admin"));
        List<String> unexpected = GrpcAccess.unexpected(channel, EvidenceGrpc.getServiceDescriptor(), allowed,
                callers);
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
    }

    @Test
    void everyRuleIsASourceWithItsBestPractices() {
        var sources = stub().listSources(ListSourcesRequest.getDefaultInstance()).getSourcesList();
        var flowLogs = sources.stream().filter(s -> s.getId().equals("rule/vpc-flow-logs-enabled")).findFirst()
                .orElseThrow();
        assertEquals(List.of("SEC04-BP01"), flowLogs.getBestPracticesList());
        assertEquals("findings", flowLogs.getKind());
        assertEquals("2024-06-27", flowLogs.getCatalog());
        assertTrue(sources.stream().anyMatch(s -> s.getId().equals("measure/account-separation")
                && s.getBestPracticesList().equals(List.of("SEC01-BP01")) && s.getKind().equals("measure")));
    }

    @Test
    void aTagScopeCountsOnlyTheTeamsGiven() {
        ObserveResponse everyone = observe("tag", "app=" + app, List.of(), true);
        assertEquals(3, everyone.getAssetIdsCount());
        assertEquals(2, byId(everyone).get("rule/vpc-flow-logs-enabled").getEvaluated());
        Observation mixed = byId(everyone).get("measure/account-separation");
        assertEquals(1, mixed.getEvaluated());
        assertEquals(1, mixed.getFailing(), "production and staging in one account");
        assertTrue(mixed.getDetail().contains(account), mixed.getDetail());
        Observation coverage = byId(everyone).get("measure/control-coverage");
        assertEquals(3, coverage.getEvaluated());
        assertEquals(1, coverage.getFailing());
        assertTrue(coverage.getDetail().contains("unknown_widget"), coverage.getDetail());

        ObserveResponse payments = observe("tag", "app=" + app, List.of("payments"), false);
        assertEquals(2, payments.getAssetIdsCount());
        assertEquals(1, byId(payments).get("rule/vpc-flow-logs-enabled").getEvaluated());
        assertEquals(0, byId(payments).get("measure/account-separation").getFailing(), "payments has staging only");

        ObserveResponse platformScopeForPayments = observe("team", "platform", List.of("payments"), false);
        assertTrue(platformScopeForPayments.getObservationsList().isEmpty(),
                "another team's scope shows nothing: " + platformScopeForPayments);
    }

    @Test
    void anAccountScopeListsItsAssets() {
        ObserveResponse inAccount = observe("account", account, List.of("platform"), false);
        assertEquals(1, inAccount.getAssetIdsCount());
        assertEquals(1, byId(inAccount).get("rule/vpc-flow-logs-enabled").getEvaluated());
        assertEquals(0, observe("org", "", List.of(), true).getAssetIdsCount(), "ids only for account and tag");
    }

    @Test
    void aMalformedScopeIsRefusedWithTheReason() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> observe("region", "eu-west-1", List.of(), true));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("scope"), e.getStatus().getDescription());
    }

    private ObserveResponse observe(String kind, String value, List<String> teams, boolean everyTeam) {
        return stub().observe(ObserveRequest.newBuilder().setScope(Scope.newBuilder().setKind(kind).setValue(value))
                .addAllTeams(teams).setEveryTeam(everyTeam).build());
    }

    private static Map<String, Observation> byId(ObserveResponse response) {
        return response.getObservationsList().stream()
                .collect(Collectors.toMap(Observation::getSourceId, o -> o));
    }

    private EvidenceGrpc.EvidenceBlockingStub stub() {
        return GrpcAccess.withToken(EvidenceGrpc.newBlockingStub(channel), FINDINGS);
    }
}
