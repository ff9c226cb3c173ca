package io.pillar.findings.grpc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pillar.contracts.findings.v1.Finding;
import io.pillar.contracts.findings.v1.FindingsGrpc;
import io.pillar.contracts.findings.v1.GetFindingRequest;
import io.pillar.contracts.findings.v1.UpdateStatusRequest;
import io.pillar.testsupport.GrpcAccess;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Findings contract over real gRPC, called with a service's own token on behalf of a person. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "findings"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FindingsGrpcServiceTest {
    @TestHTTPResource("/")
    URL url;
    private ManagedChannel channel;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Every method of the Findings service, called by each kind of caller (users by role, services by client role). */
    @Test
    void eachMethodAnswersOnlyTheCallersItIsFor() {
        Map<String, String> callers = GrpcAccess.usersOfEveryRoleAnd(Map.of(
                "findings.update", TestTokens.serviceToken("response-service", "findings-service",
                        Set.of("findings.update")),
                "another service's role", TestTokens.serviceToken("findings-service", "inventory-service",
                        Set.of("assets.resolve"))));
        Map<String, Set<String>> allowed = Map.of(
                "GetFinding", Set.of("findings.update", "admin"),
                "UpdateStatus", Set.of("findings.update", "admin"));
        List<String> unexpected = GrpcAccess.unexpected(channel, FindingsGrpc.getServiceDescriptor(), allowed,
                callers);
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
    }

    @Test
    void theResponseServiceReadsAndResolvesAFindingForAPerson() {
        String analyst = TestTokens.token("jill", Set.of("analyst"), Set.of("platform"));
        String title = "grpc-" + UUID.randomUUID();
        String importId = given().auth().oauth2(analyst).contentType("application/json")
                .body(List.of(Map.of("title", title, "severity", "critical", "product", "edr", "rule", title,
                        "resources", List.of(Map.of("uid", "host:" + title)))))
                .queryParam("team", "platform").when().post("/api/v1/findings/imports").then().statusCode(201)
                .extract().path("id");
        String id = given().auth().oauth2(analyst).queryParam("import_id", importId).when().get("/api/v1/findings")
                .then().extract().path("items[0].id");

        var response = stub(TestTokens.serviceToken("response-service", "findings-service",
                Set.of("findings.update")));
        Finding got = response.getFinding(GetFindingRequest.newBuilder().setId(id).build());
        assertEquals(title, got.getTitle());
        assertEquals(5, got.getSeverityId());
        assertEquals(List.of("host:" + title), got.getResourceUidsList());

        Finding resolved = response.updateStatus(UpdateStatusRequest.newBuilder().setId(id).setStatus("resolved")
                .setReason("host reimaged by playbook").setActingPrincipal("bob").build());
        assertEquals("resolved", resolved.getStatus());
        given().auth().oauth2(analyst).when().get("/api/v1/findings/" + id).then().statusCode(200)
                .body("history[-1].actor", org.hamcrest.Matchers.is("bob via service-account-response-service"));

        StatusRuntimeException noPrincipal = assertThrows(StatusRuntimeException.class,
                () -> response.updateStatus(UpdateStatusRequest.newBuilder().setId(id).setStatus("triaged")
                        .setReason("x").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noPrincipal.getStatus().getCode());
        StatusRuntimeException badStatus = assertThrows(StatusRuntimeException.class,
                () -> response.updateStatus(UpdateStatusRequest.newBuilder().setId(id).setStatus("gone")
                        .setReason("x").setActingPrincipal("bob").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, badStatus.getStatus().getCode());
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> response.getFinding(GetFindingRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        StatusRuntimeException noRole = assertThrows(StatusRuntimeException.class,
                () -> stub(TestTokens.serviceToken("inventory-service", "findings-service", Set.of()))
                        .getFinding(GetFindingRequest.newBuilder().setId(id).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, noRole.getStatus().getCode());
    }

    private FindingsGrpc.FindingsBlockingStub stub(String token) {
        return GrpcAccess.withToken(FindingsGrpc.newBlockingStub(channel), token);
    }
}
