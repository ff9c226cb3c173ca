package io.pillar.response.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pillar.response.Incident;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "response"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class IncidentResourceTest {
    private static final String PATH = "/api/v1/incidents";

    @Test
    void aViewerReadsAnEmptyFirstPage() {
        given().auth().oauth2(TestTokens.token("viewer", Set.of("viewer"), Set.of("quiet")))
                .when().get(PATH)
                .then().statusCode(200)
                .body("items", empty())
                .body("next_cursor", nullValue());
    }

    @Test
    void eachTeamSeesItsOwnIncidentsAndAuditorsSeeAll() {
        String ours = incident("platform");
        String theirs = incident("payments");
        given().auth().oauth2(TestTokens.token("ana", Set.of("analyst"), Set.of("platform"))).queryParam("limit", 500)
                .when().get(PATH).then().statusCode(200)
                .body("items.id", hasItem(ours)).body("items.id", not(hasItem(theirs)))
                .body("items.team", everyItem(is("platform")));
        given().auth().oauth2(TestTokens.token("aud", Set.of("auditor"), Set.of("platform"))).queryParam("limit", 500)
                .when().get(PATH).then().statusCode(200).body("items.id", hasItems(ours, theirs));
        given().auth().oauth2(TestTokens.token("nobody", Set.of("analyst"), Set.of())).queryParam("limit", 500)
                .when().get(PATH).then().statusCode(200).body("items", empty());
    }

    private static String incident(String team) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Incident i = new Incident();
            i.id = UUID.randomUUID();
            i.title = "test incident of " + team;
            i.severityId = 4;
            i.status = "detected";
            i.team = team;
            i.detectedAt = Instant.now();
            i.createdAt = Instant.now();
            i.updatedAt = Instant.now();
            i.persist();
            return i.id.toString();
        });
    }

    @Test
    void theIntegrationRoleIsForbidden() {
        given().auth().oauth2(TestTokens.token("svc", Set.of("integration"), Set.of())).when().get(PATH)
                .then().statusCode(403).contentType("application/problem+json").body("status", is(403));
    }

    @Test
    void withoutOrWithATamperedTokenIsUnauthorized() {
        given().when().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.tamperedToken("viewer", Set.of("viewer"))).when().get(PATH).then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.tokenForAudience("findings-service", "viewer", Set.of("viewer"), Set.of()))
                .when().get(PATH).then().statusCode(401);
    }

    @Test
    void healthIsPublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
