package io.pillar.response.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pillar.contracts.Topic;
import io.pillar.testsupport.InjectKafka;
import io.pillar.testsupport.KafkaResource;
import io.pillar.testsupport.PostgresResource;
import io.pillar.testsupport.TestTokens;
import io.pillar.testsupport.TestTokensResource;
import io.pillar.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "response"))
@WithTestResource(KafkaResource.class)
@WithTestResource(TestTokensResource.class)
class PlaybookResourceTest {
    private static final String PATH = "/api/v1/playbooks";
    @InjectKafka
    String bootstrap;

    static String fixture(String name) throws IOException {
        try (InputStream in = PlaybookResourceTest.class.getResourceAsStream("/playbooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fixture under a CACAO id of its own, so that tests do not see each other's versions. */
    static String fresh(String name) throws IOException {
        return fixture(name).replace("playbook--3f0c1a52-8d0e-4d6b-9a55-0b7d3c2f9e11",
                "playbook--" + UUID.randomUUID());
    }

    static String analyst(String team) {
        return TestTokens.token("ana-" + team, Set.of("analyst"), Set.of(team));
    }

    @Test
    void importedAgainIsTheSameVersionChangedIsANewOneAndExportIsByteForByte() throws IOException {
        String document = fresh("approve-then-notify.json");
        String id = given().auth().oauth2(analyst("platform")).contentType("application/json").body(document)
                .when().post(PATH).then().statusCode(201)
                .body("version", is(1)).body("created", is(true)).body("playbook.team", is("platform"))
                .body("playbook.name", is("Approve, then notify")).body("playbook.versions[0].containment", is(false))
                .extract().path("playbook.id");
        given().auth().oauth2(analyst("platform")).contentType("application/json").body(document)
                .when().post(PATH).then().statusCode(200).body("version", is(1)).body("created", is(false));
        String changed = document.replace("\"Approve the notification\"", "\"Approve the notification now\"");
        given().auth().oauth2(analyst("platform")).contentType("application/json").body(changed)
                .when().post(PATH).then().statusCode(201).body("version", is(2)).body("playbook.id", is(id))
                .body("playbook.latest_version", is(2));

        String first = given().auth().oauth2(analyst("platform")).queryParam("version", 1)
                .when().get(PATH + "/" + id + "/export").then().statusCode(200).extract().asString();
        assertEquals(document, first);
        String latest = given().auth().oauth2(analyst("platform")).when().get(PATH + "/" + id + "/export")
                .then().statusCode(200).extract().asString();
        assertEquals(changed, latest);
        given().auth().oauth2(analyst("platform")).queryParam("version", 7).when().get(PATH + "/" + id + "/export")
                .then().statusCode(404).contentType("application/problem+json");

        var audit = TopicReader.first(bootstrap, Topic.AUDIT.topicName(),
                r -> r.key().equals("playbook/" + id) && r.value().contains("\"version\":2"), Duration.ofSeconds(20));
        assertTrue(audit.value().contains("\"action\":\"playbook.imported\""), audit.value());
        assertTrue(audit.value().contains("\"actor\":\"ana-platform\""), audit.value());
    }

    @Test
    void anInvalidPlaybookIsRefusedWithEveryErrorsPath() throws IOException {
        String broken = fresh("approve-then-notify.json")
                .replace("\"on_completion\": \"end--6b5c9d0e-2f3a-4b4c-9d5e-6f708192a3b4\"",
                        "\"on_completion\": \"end--00000000-0000-4000-8000-000000000000\"")
                .replace("\"spec_version\": \"cacao-2.0\",", "");
        for (String path : new String[]{PATH, PATH + "/validate"}) {
            given().auth().oauth2(analyst("platform")).contentType("application/json").body(broken)
                    .when().post(path).then().statusCode(422).contentType("application/problem+json")
                    .body("status", is(422))
                    .body("errors.path", hasItem("$.workflow['action--3e2f6a7b-9c0d-4e1f-8a2b-3c4d5e6f7081']"
                            + ".on_completion"))
                    .body("errors.path", hasItem("$.workflow['end--6b5c9d0e-2f3a-4b4c-9d5e-6f708192a3b4']"))
                    .body("errors.find { it.path == '$' }.message", org.hamcrest.Matchers.containsString(
                            "spec_version"));
        }
        given().auth().oauth2(analyst("platform")).contentType("application/json").body("[1, 2")
                .when().post(PATH).then().statusCode(422).body("errors[0].path", is("$"));
    }

    @Test
    void validateStoresNothingAndWarns() throws IOException {
        String document = fresh("approve-then-notify.json").replace("\"workflow_start\"",
                "\"workflow_exception\": \"end--11111111-0000-4000-8000-000000000000\", \"workflow_start\"");
        given().auth().oauth2(TestTokens.token("vic", Set.of("viewer"), Set.of("platform")))
                .contentType("application/json").body(document)
                .when().post(PATH + "/validate").then().statusCode(200).body("valid", is(true)).body("steps", is(5))
                .body("warnings[0].path", is("$.workflow_exception"));
    }

    @Test
    void aSignedPlaybookIsCheckedAndATamperedOneRefused() throws Exception {
        var keys = io.pillar.response.playbook.PlaybookSignaturesTest.ed25519();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) io.pillar.platform.json.Json.MAPPER
                .readTree(fresh("approve-then-notify.json"));
        var signed = io.pillar.response.playbook.PlaybookSignaturesTest.sign(tree, keys, "Ed25519");
        given().auth().oauth2(analyst("platform")).contentType("application/json").body(signed.toString())
                .when().post(PATH).then().statusCode(201)
                .body("playbook.versions[0].signature", is("untrusted"));
        signed.put("description", "changed after signing");
        given().auth().oauth2(analyst("platform")).contentType("application/json").body(signed.toString())
                .when().post(PATH).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].path", is("$.signatures[0]"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("does not verify"));
    }

    @Test
    void anotherTeamNeitherSeesNorExportsNorImportsForATeam() throws IOException {
        String id = given().auth().oauth2(analyst("platform")).contentType("application/json")
                .body(fresh("approve-then-notify.json")).when().post(PATH).then().statusCode(201)
                .extract().path("playbook.id");
        given().auth().oauth2(analyst("payments")).when().get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(analyst("payments")).when().get(PATH + "/" + id + "/export").then().statusCode(404);
        given().auth().oauth2(analyst("payments")).queryParam("limit", 500).when().get(PATH).then().statusCode(200)
                .body("items.id", not(hasItem(id))).body("items.team", everyItem(nullValue()));
        given().auth().oauth2(analyst("payments")).queryParam("team", "platform").contentType("application/json")
                .body(fresh("approve-then-notify.json")).when().post(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("aud", Set.of("auditor"), Set.of())).when().get(PATH + "/" + id)
                .then().statusCode(200).body("team", is("platform"));
        given().auth().oauth2(TestTokens.token("vic", Set.of("viewer"), Set.of("platform")))
                .contentType("application/json").body(fresh("approve-then-notify.json"))
                .when().post(PATH).then().statusCode(403);
    }

    @Test
    void aSharedPlaybookIsAnAdminsAndEveryTeamReadsIt() throws IOException {
        String id = given().auth().oauth2(TestTokens.token("adm", Set.of("admin"), Set.of()))
                .contentType("application/json").body(fresh("approve-then-notify.json"))
                .when().post(PATH).then().statusCode(201).body("playbook.team", nullValue())
                .extract().path("playbook.id");
        given().auth().oauth2(analyst("payments")).when().get(PATH + "/" + id).then().statusCode(200);
    }
}
