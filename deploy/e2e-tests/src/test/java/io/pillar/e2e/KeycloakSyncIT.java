package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/**
 * The Pillar realm itself, read live through Keycloak's admin API by the identity-service's view-only service
 * account: its users with the roles they hold (through groups and composites too), credential types only, and the
 * realm's checks; the realm then belongs to the team it was first read for.
 */
class KeycloakSyncIT {

    @Test
    void theRealmIsReadLiveAnalysedAndKeptForItsTeam() {
        String identity = PlatformUnderTest.get("PILLAR_IDENTITY_URL");
        String integration = Keycloak.integration();
        given().auth().oauth2(integration).queryParam("realm", "pillar").queryParam("team", "platform")
                .when().post(identity + "/api/v1/identity/imports/keycloak")
                .then().statusCode(201).body("format", is("keycloak-admin-api")).body("status", is("completed"))
                .body("received", greaterThan(5));

        String auditor = Keycloak.demoUser("auditor");
        given().auth().oauth2(auditor).queryParam("account", "keycloak:pillar").queryParam("limit", 200)
                .when().get(identity + "/api/v1/identity/principals")
                .then().statusCode(200)
                .body("items.name", hasItems("analyst", "auditor", "admin", "service-account-identity-service"));
        String adminId = given().auth().oauth2(auditor).queryParam("account", "keycloak:pillar")
                .queryParam("name", "admin")
                .when().get(identity + "/api/v1/identity/principals").then().statusCode(200)
                .extract().path("items[0].id");
        // the demo admin has not set up OTP yet (a required action): a privileged user without a second factor
        given().auth().oauth2(auditor).when().get(identity + "/api/v1/identity/principals/" + adminId)
                .then().statusCode(200)
                .body("violations.check", hasItem("keycloak-privileged-user-without-otp"))
                .body(not(org.hamcrest.Matchers.containsString("secretData")));

        // another team cannot take the realm over, and an analyst cannot read a realm live at all
        given().auth().oauth2(Keycloak.demoUser("analyst")).queryParam("realm", "pillar")
                .when().post(identity + "/api/v1/identity/imports/keycloak").then().statusCode(403);
        given().auth().oauth2(integration).queryParam("realm", "pillar").queryParam("team", "payments")
                .when().post(identity + "/api/v1/identity/imports/keycloak").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("belongs to team platform"));
        given().auth().oauth2(integration).queryParam("realm", "no-such-realm-here").queryParam("team", "platform")
                .when().post(identity + "/api/v1/identity/imports/keycloak")
                .then().statusCode(anyOf(404, 502)).contentType("application/problem+json");
    }

    private static org.hamcrest.Matcher<Integer> anyOf(int a, int b) {
        return org.hamcrest.Matchers.anyOf(is(a), is(b));
    }
}
