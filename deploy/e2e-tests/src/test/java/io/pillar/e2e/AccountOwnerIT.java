package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

/**
 * The team that owns an AWS account, and so its principals and identity findings, is the owner team of the
 * inventory's account asset: asked by the identity-service over gRPC with its own token at each import. When the
 * inventory names another owner, the next import moves the account.
 */
class AccountOwnerIT {
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated\n";

    @Test
    void anAccountBelongsToTheTeamTheInventoryNames() {
        String inventory = PlatformUnderTest.get("PILLAR_INVENTORY_URL");
        String identity = PlatformUnderTest.get("PILLAR_IDENTITY_URL");
        String integration = Keycloak.integration();
        String account = String.valueOf(300_000_000_000L + (long) (Math.random() * 600_000_000_000L));
        owner(inventory, integration, account, "payments");

        String report = HEADER + "ci-bot,arn:aws:iam::" + account + ":user/ci-bot,2024-01-02T03:04:05+00:00,true,"
                + "2026-11-30T09:00:00+00:00,2024-01-02T03:04:05+00:00,N/A,false,true,2020-01-01T00:00:00+00:00,"
                + "2026-11-29T00:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
        given().auth().oauth2(integration).body(report).when().post(identity + "/api/v1/identity/imports")
                .then().statusCode(201).body("team", is("payments")).body("warnings", empty());

        String payments = Keycloak.demoUser("analyst-payments");
        String platform = Keycloak.demoUser("analyst");
        given().auth().oauth2(payments).queryParam("account", account).when()
                .get(identity + "/api/v1/identity/principals").then().statusCode(200)
                .body("items.name", hasItem("ci-bot"));
        given().auth().oauth2(platform).queryParam("account", account).when()
                .get(identity + "/api/v1/identity/principals").then().statusCode(200).body("items", empty());
        // a team the inventory does not name may not claim the account
        given().auth().oauth2(platform).queryParam("team", "platform").body(report).when()
                .post(identity + "/api/v1/identity/imports").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("belongs to team payments"));
        given().auth().oauth2(platform).body(report).when().post(identity + "/api/v1/identity/imports")
                .then().statusCode(403).contentType("application/problem+json");

        owner(inventory, integration, account, "platform");
        given().auth().oauth2(integration).body(report).when().post(identity + "/api/v1/identity/imports")
                .then().statusCode(201).body("team", is("platform"))
                .body("warnings", hasItem("account " + account + " moved from team payments to team platform"));
        given().auth().oauth2(platform).queryParam("account", account).when()
                .get(identity + "/api/v1/identity/principals").then().statusCode(200)
                .body("items.name", hasItem("ci-bot"));
        given().auth().oauth2(payments).queryParam("account", account).when()
                .get(identity + "/api/v1/identity/principals").then().statusCode(200).body("items", empty());
    }

    private static void owner(String inventory, String token, String account, String team) {
        given().auth().oauth2(token).contentType("application/json").queryParam("format", "pillar")
                .body("""
                        {"type": "account", "natural_id": "%s", "provider": "aws", "account": "%s",
                         "name": "e2e-%s", "owner_team": "%s"}""".formatted(account, account, account, team))
                .when().post(inventory + "/api/v1/assets/imports").then().statusCode(200);
    }
}
