package io.pillar.identity.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
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

/** The identity-service's posture evidence over real gRPC, with a credential report of one team imported. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "identity"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityEvidenceGrpcTest {
    private static final String FINDINGS = TestTokens.serviceToken("findings-service", "identity-service",
            Set.of("evidence.read"));
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated\n";

    @TestHTTPResource("/")
    URL url;
    private ManagedChannel channel;
    private final String account = String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L));

    @BeforeAll
    void connectAndImport() {
        channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
        String user = "evidence-" + UUID.randomUUID().toString().substring(0, 8);
        String report = HEADER + user + ",arn:aws:iam::" + account + ":user/" + user + ",2024-01-02T03:04:05+00:00,"
                + "true,2026-11-29T00:00:00+00:00,N/A,N/A,true,false,N/A,N/A,N/A,N/A,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
        given().baseUri(url.toString()).auth().oauth2(TestTokens.token("tess", Set.of("analyst"), Set.of("/teal")))
                .body(report.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/identity/imports").then()
                .statusCode(201).body("created", is(1));
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheFindingsServiceAndAdminsReadEvidence() {
        Map<String, String> callers = GrpcAccess.usersOfEveryRoleAnd(Map.of("evidence.read", FINDINGS,
                "audit.read", TestTokens.serviceToken("response-service", "identity-service", Set.of("audit.read"))));
        Map<String, Set<String>> allowed = Map.of("ListSources", Set.of("evidence.read", "admin"),
                "Observe", Set.of("evidence.read", "admin"));
        List<String> unexpected = GrpcAccess.unexpected(channel, EvidenceGrpc.getServiceDescriptor(), allowed,
                callers);
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
    }

    @Test
    void checksCountTheTeamsPrincipalsAndTheLedgerIsVerified() {
        var sources = stub().listSources(ListSourcesRequest.getDefaultInstance()).getSourcesList();
        assertTrue(sources.stream().anyMatch(s -> s.getId().equals("check/user-console-without-mfa")
                && s.getBestPracticesList().contains("SEC02-BP01")), sources.toString());

        Map<String, Observation> teal = observe("account", account, List.of("teal"));
        assertEquals(1, teal.get("check/user-console-without-mfa").getEvaluated());
        // the ledger's measure is the background verification's result, there once the first has finished
        Observation ledger = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> observe("account", account, List.of("teal")).get("measure/audit-ledger"),
                        o -> o.getEvaluated() > 0);
        assertEquals(0, ledger.getFailing(), ledger.getDetail());
        assertTrue(ledger.getDetail().startsWith("the audit ledger verifies"), ledger.getDetail());

        Map<String, Observation> other = observe("account", account, List.of("payments"));
        assertTrue(!other.containsKey("check/user-console-without-mfa"), "another team's account counts nothing");
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
