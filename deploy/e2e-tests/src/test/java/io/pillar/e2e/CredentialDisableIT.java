package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.pillar.contracts.identity.v1.DisableCredentialRequest;
import io.pillar.contracts.identity.v1.DisableCredentialResponse;
import io.pillar.contracts.identity.v1.IdentityGrpc;

/**
 * The response-service, with its own Keycloak client credentials, asks the identity-service over gRPC to disable a
 * Keycloak user: the identity-service disables it through the admin API as its own service account, and the user can
 * no longer sign in. Another team's incident does not reach the user.
 */
class CredentialDisableIT {

    @Test
    void aKeycloakUserIsDisabledForAnIncidentOfItsTeam() throws Exception {
        String identity = PlatformUnderTest.get("PILLAR_IDENTITY_URL");
        String username = "leaver-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        String userId = Keycloak.newUser(username, password);
        ManagedChannel channel = null;
        try {
            given().auth().oauth2(Keycloak.integration()).queryParam("realm", "pillar").queryParam("team", "platform")
                    .when().post(identity + "/api/v1/identity/imports/keycloak").then().statusCode(201);
            String principal = given().auth().oauth2(Keycloak.demoUser("auditor"))
                    .queryParam("account", "keycloak:pillar").queryParam("name", username)
                    .when().get(identity + "/api/v1/identity/principals").then().statusCode(200)
                    .extract().path("items[0].id");

            URI uri = URI.create(identity);
            channel = ManagedChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer "
                    + Keycloak.clientCredentials("response-service",
                            PlatformUnderTest.get("PILLAR_RESPONSE_CLIENT_SECRET")));
            var response = IdentityGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, TimeUnit.SECONDS);
            DisableCredentialRequest.Builder request = DisableCredentialRequest.newBuilder()
                    .setPrincipalId(principal).setActor("responder").setReason("account takeover suspected")
                    .setIncidentId("INC-42");

            StatusRuntimeException otherTeam = assertThrows(StatusRuntimeException.class,
                    () -> response.disableCredential(request.clone().setTeam("payments").build()));
            assertEquals(Status.Code.NOT_FOUND, otherTeam.getStatus().getCode());
            assertTrue(Keycloak.userEnabled(userId), "another team's incident changed nothing");

            DisableCredentialResponse done = response.disableCredential(request.setTeam("platform").build());
            assertTrue(done.getDisabled());
            assertEquals("disabled", done.getStatus());
            assertFalse(Keycloak.userEnabled(userId));
            assertEquals(400, Keycloak.passwordGrant(username, password).statusCode(),
                    "a disabled user gets no token");
            given().auth().oauth2(Keycloak.demoUser("auditor")).when()
                    .get(identity + "/api/v1/identity/principals/" + principal).then().statusCode(200)
                    .body("credential_actions[0].status", is("disabled"))
                    .body("credential_actions[0].actor", is("responder via service-account-response-service"));
        } finally {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            Keycloak.removeUser(userId);
        }
    }
}
