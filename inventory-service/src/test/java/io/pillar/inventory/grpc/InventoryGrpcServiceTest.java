package io.pillar.inventory.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.FindAccountRequest;
import io.pillar.contracts.inventory.v1.GetAssetRequest;
import io.pillar.contracts.inventory.v1.InventoryGrpc;
import io.pillar.contracts.inventory.v1.ResolveResourcesRequest;
import io.pillar.contracts.inventory.v1.ResourceRef;
import io.pillar.contracts.inventory.v1.SetQuarantineRequest;
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

/** The Inventory contract over real gRPC (HTTP/2 on the service's port), called with a service's own token. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
@WithTestResource(RulesDirResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryGrpcServiceTest {
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

    /** Every method of the Inventory service, called by each kind of caller (users by role, services by client role). */
    @Test
    void eachMethodAnswersOnlyTheCallersItIsFor() {
        Map<String, String> callers = GrpcAccess.usersOfEveryRoleAnd(Map.of(
                "assets.resolve", TestTokens.serviceToken("findings-service", "inventory-service",
                        Set.of("assets.resolve")),
                "assets.quarantine", TestTokens.serviceToken("response-service", "inventory-service",
                        Set.of("assets.quarantine")),
                "assets.read", TestTokens.serviceToken("identity-service", "inventory-service",
                        Set.of("assets.read")),
                "another service's role", TestTokens.serviceToken("response-service", "findings-service",
                        Set.of("findings.update"))));
        Map<String, Set<String>> allowed = Map.of(
                "ResolveResources", Set.of("assets.resolve", "admin"),
                "GetAsset", Set.of("assets.read", "assets.resolve", "admin"),
                "GetAssetVersion", Set.of("assets.read", "assets.resolve", "admin"),
                "FindAccount", Set.of("assets.read", "assets.resolve", "admin"),
                "SetQuarantine", Set.of("assets.quarantine", "responder", "admin"));
        List<String> unexpected = GrpcAccess.unexpected(channel, InventoryGrpc.getServiceDescriptor(), allowed,
                callers);
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
    }

    @Test
    void anAssetVersionIsTheDocumentInForceAtTheMoment() {
        var findings = stub(TestTokens.serviceToken("findings-service", "inventory-service", Set.of("assets.resolve")));
        Asset a = findings.resolveResources(ResolveResourcesRequest.newBuilder()
                .addResources(ref("arn:aws:s3:::version-bucket-" + System.nanoTime(), "bucket")).build())
                .getAssets(0);
        var reader = stub(TestTokens.serviceToken("response-service", "inventory-service", Set.of("assets.read")));
        var now = reader.getAssetVersion(io.pillar.contracts.inventory.v1.GetAssetVersionRequest.newBuilder()
                .setId(a.getId()).build());
        assertEquals(1, now.getVersion());
        assertTrue(now.getDocumentJson().contains("\"type\":\"bucket\""), now.getDocumentJson());
        var before = assertThrows(io.grpc.StatusRuntimeException.class, () -> reader.getAssetVersion(
                io.pillar.contracts.inventory.v1.GetAssetVersionRequest.newBuilder().setId(a.getId())
                        .setAt("2001-01-01T00:00:00Z").build()));
        assertEquals(io.grpc.Status.Code.NOT_FOUND, before.getStatus().getCode());
        var bad = assertThrows(io.grpc.StatusRuntimeException.class, () -> reader.getAssetVersion(
                io.pillar.contracts.inventory.v1.GetAssetVersionRequest.newBuilder().setId(a.getId())
                        .setAt("yesterday").build()));
        assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
    }

    @Test
    void resolvingRegistersUnknownIdentifiersOnceAndKeepsTheRequestOrder() {
        var findings = stub(TestTokens.serviceToken("findings-service", "inventory-service", Set.of("assets.resolve")));
        var request = ResolveResourcesRequest.newBuilder()
                .addResources(ref("arn:aws:s3:::grpc-bucket", "bucket"))
                .addResources(ref("sha256:0123abcd", ""))
                .addResources(ref("arn:aws:s3:::grpc-bucket", "bucket"))
                .build();
        List<Asset> first = findings.resolveResources(request).getAssetsList();
        assertEquals(3, first.size());
        assertEquals(first.get(0).getId(), first.get(2).getId());
        assertNotEquals(first.get(0).getId(), first.get(1).getId());
        assertEquals("bucket", first.get(0).getType());
        assertEquals("unclassified", first.get(1).getType());
        assertEquals("", first.get(1).getDataClassification());

        List<Asset> again = findings.resolveResources(request).getAssetsList();
        assertEquals(first, again);

        Asset got = findings.getAsset(GetAssetRequest.newBuilder().setId(first.get(1).getId()).build());
        assertEquals("sha256:0123abcd", got.getNaturalId());
    }

    @Test
    void callersWithoutTheClientRoleOrTokenAreTurnedAway() {
        var request = ResolveResourcesRequest.newBuilder().addResources(ref("arn:x", "bucket")).build();
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                () -> InventoryGrpc.newBlockingStub(channel).resolveResources(request));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        StatusRuntimeException viewer = assertThrows(StatusRuntimeException.class,
                () -> stub(TestTokens.token("viewer", Set.of("viewer"), Set.of("platform"))).resolveResources(request));
        assertEquals(Status.Code.PERMISSION_DENIED, viewer.getStatus().getCode());
        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class,
                () -> stub(TestTokens.foreignToken("findings-service", Set.of("admin"))).resolveResources(request));
        assertEquals(Status.Code.UNAUTHENTICATED, forged.getStatus().getCode());
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        var findings = stub(TestTokens.serviceToken("findings-service", "inventory-service", Set.of("assets.resolve")));
        StatusRuntimeException badId = assertThrows(StatusRuntimeException.class,
                () -> findings.getAsset(GetAssetRequest.newBuilder().setId("nope").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, badId.getStatus().getCode());
        StatusRuntimeException empty = assertThrows(StatusRuntimeException.class, () -> findings.resolveResources(
                ResolveResourcesRequest.newBuilder().addResources(ref(" ", "bucket")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getStatus().getCode());
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> findings.getAsset(
                GetAssetRequest.newBuilder().setId("00000000-0000-0000-0000-000000000000").build()));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
    }

    @Test
    void quarantineIsAConfigurationChangeWithWhoWhyAndIncident() {
        var findings = stub(TestTokens.serviceToken("findings-service", "inventory-service", Set.of("assets.resolve")));
        Asset asset = findings.resolveResources(ResolveResourcesRequest.newBuilder()
                .addResources(ref("arn:aws:ec2:eu-west-1:111122223333:instance/i-quarantine", "instance")).build())
                .getAssets(0);
        var response = stub(TestTokens.serviceToken("response-service", "inventory-service",
                Set.of("assets.quarantine")));
        Asset quarantined = response.setQuarantine(SetQuarantineRequest.newBuilder().setAssetId(asset.getId())
                .setQuarantined(true).setActor("bob").setReason("beaconing to a known C2").setIncidentId("INC-42")
                .build());
        assertEquals(true, quarantined.getQuarantined());
        String token = TestTokens.token("alice", Set.of("analyst"), Set.of());
        io.restassured.RestAssured.given().auth().oauth2(token).when().get("/api/v1/assets/" + asset.getId())
                .then().statusCode(200).body("version", org.hamcrest.Matchers.is(2))
                .body("quarantine.quarantined", org.hamcrest.Matchers.is(true))
                .body("quarantine.incident_id", org.hamcrest.Matchers.is("INC-42"))
                .body("quarantine.reason", org.hamcrest.Matchers.is("beaconing to a known C2"))
                .body("changed_by", org.hamcrest.Matchers.is("bob via service-account-response-service"));

        StatusRuntimeException noReason = assertThrows(StatusRuntimeException.class,
                () -> response.setQuarantine(SetQuarantineRequest.newBuilder().setAssetId(asset.getId())
                        .setQuarantined(true).setActor("bob").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noReason.getStatus().getCode());
        StatusRuntimeException resolverOnly = assertThrows(StatusRuntimeException.class,
                () -> findings.setQuarantine(SetQuarantineRequest.newBuilder().setAssetId(asset.getId())
                        .setQuarantined(true).setReason("x").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, resolverOnly.getStatus().getCode());
    }

    @Test
    void anyIdentifierOfAnImportedAssetResolvesToIt() {
        String pillar = """
                {"type": "instance", "natural_id": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0resolve",
                 "identifiers": ["i-0resolve", "web-7.example.com"]}""";
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.token("alice", Set.of("analyst"), Set.of()))
                .contentType("application/json").body(pillar).queryParam("format", "pillar")
                .when().post("/api/v1/assets/imports").then().statusCode(200);
        var findings = stub(TestTokens.serviceToken("findings-service", "inventory-service", Set.of("assets.resolve")));
        List<Asset> assets = findings.resolveResources(ResolveResourcesRequest.newBuilder()
                .addResources(ref("i-0resolve", "")).addResources(ref("web-7.example.com", "")).build())
                .getAssetsList();
        assertEquals(assets.get(0).getId(), assets.get(1).getId());
        assertEquals("instance", assets.get(0).getType());
        assertEquals("arn:aws:ec2:eu-west-1:111122223333:instance/i-0resolve", assets.get(0).getNaturalId());
    }

    @Test
    void anAccountIsFoundWithItsOwnerAndAnUnknownOneIsNotRegistered() {
        String account = String.valueOf(200_000_000_000L + (long) (Math.random() * 700_000_000_000L));
        String pillar = """
                {"type": "account", "natural_id": "%s", "provider": "aws", "account": "%s", "name": "payments-prod",
                 "owner_team": "payments"}""".formatted(account, account);
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.token("alice", Set.of("analyst"), Set.of()))
                .contentType("application/json").body(pillar).queryParam("format", "pillar")
                .when().post("/api/v1/assets/imports").then().statusCode(200);
        var identity = stub(TestTokens.serviceToken("identity-service", "inventory-service", Set.of("assets.read")));
        Asset found = identity.findAccount(FindAccountRequest.newBuilder().setAccount(account).build());
        assertEquals("payments", found.getOwnerTeam());
        assertEquals("account", found.getType());

        String unknown = "keycloak:nowhere-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                    () -> identity.findAccount(FindAccountRequest.newBuilder().setAccount(unknown).build()));
            assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        }
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.token("alice", Set.of("analyst"), Set.of()))
                .queryParam("q", unknown).when().get("/api/v1/assets").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        // reading is all that role allows
        StatusRuntimeException noResolve = assertThrows(StatusRuntimeException.class,
                () -> identity.resolveResources(ResolveResourcesRequest.newBuilder()
                        .addResources(ref("arn:aws:s3:::read-only", "bucket")).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, noResolve.getStatus().getCode());
    }

    private InventoryGrpc.InventoryBlockingStub stub(String token) {
        return GrpcAccess.withToken(InventoryGrpc.newBlockingStub(channel), token);
    }

    private static ResourceRef ref(String identifier, String type) {
        return ResourceRef.newBuilder().setIdentifier(identifier).setType(type).setProvider("aws").build();
    }
}
