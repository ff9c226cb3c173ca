package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * Every REST route of every service, called by every role and by another team: the expectations are
 * {@code authorization-matrix.txt}, and the routes are the services' own OpenAPI documents, so a new route is in the
 * test by construction (it fails until the matrix says who may call it). Calls go to the services directly: each
 * checks its callers itself, whatever the gateway does. An unexpected allow is any answer but 403 to a role the matrix
 * does not name; an unexpected refusal is 401 or 403 to one it names.
 */
class AuthorizationMatrixIT {
    private static final Map<String, String> SERVICES = Map.of("PILLAR_INVENTORY_URL", "inventory",
            "PILLAR_FINDINGS_URL", "findings", "PILLAR_IDENTITY_URL", "identity", "PILLAR_RESPONSE_URL",
            "response");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a write sends when another team tries it on our object: a valid request, so only ownership refuses it. */
    private static final Map<String, String> OTHER_TEAM_BODIES = Map.of(
            "PATCH /api/v1/findings/{id}", "{\"status\": \"triaged\", \"reason\": \"mine now\"}",
            "POST /api/v1/findings/{id}/risk-acceptance", "{\"decision\": \"approve\", \"reason\": \"fine\"}",
            "PATCH /api/v1/assets/{id}", "{\"criticality\": \"low\"}");

    private record Route(String method, String path, Set<String> allowed, String fixture, int otherTeamStatus) {
        String key() {
            return method + " " + path;
        }
    }

    private record Caller(String name, String role, String token) {
    }

    private static Map<String, String> serviceOf;
    private static List<Caller> callers;
    private static Map<String, String> fixtures;

    @BeforeAll
    static void callersAndFixtures() throws IOException {
        callers = List.of(new Caller("viewer", "viewer", Keycloak.demoUser("viewer")),
                new Caller("analyst", "analyst", Keycloak.demoUser("analyst")),
                new Caller("responder", "responder", Keycloak.demoUser("responder")),
                new Caller("auditor", "auditor", Keycloak.demoUser("auditor")),
                new Caller("analyst-payments", "analyst", Keycloak.demoUser("analyst-payments")),
                new Caller("integration", "integration", Keycloak.integration()));
        serviceOf = served(callers.get(1).token());
        fixtures = platformObjects(callers.get(1).token());
    }

    @Test
    void everyServedRouteIsInTheMatrixAndEveryListedRouteIsServed() throws IOException {
        Set<String> listed = new TreeSet<>();
        matrix().forEach(r -> listed.add(r.key()));
        Set<String> unlisted = new TreeSet<>(serviceOf.keySet());
        unlisted.removeAll(listed);
        Set<String> unserved = new TreeSet<>(listed);
        unserved.removeAll(serviceOf.keySet());
        assertTrue(unlisted.isEmpty(), "served but not in authorization-matrix.txt: " + unlisted);
        assertTrue(unserved.isEmpty(), "in authorization-matrix.txt but not served: " + unserved);
    }

    @Test
    void eachRoleGetsExactlyWhatTheMatrixAllows() throws IOException {
        List<String> unexpected = new ArrayList<>();
        for (Route route : matrix()) {
            String url = serviceOf.get(route.key());
            if (url == null) {
                continue; // reported by the other test
            }
            for (Caller caller : callers) {
                Response r = call(caller.token(), route.method(), url + concrete(route.path(),
                        UUID.randomUUID().toString()), "{}");
                boolean allowed = route.allowed().contains(caller.role());
                boolean refused = r.statusCode() == 401 || r.statusCode() == 403;
                if (allowed == refused || (!allowed && r.statusCode() != 403)) {
                    unexpected.add(route.key() + " as " + caller.name() + ": " + r.statusCode()
                            + (allowed
                                    ? " (allowed by the matrix)"
                                    : " (the matrix allows only " + route.allowed()
                                            + ")"));
                }
            }
        }
        assertTrue(unexpected.isEmpty(), "unexpected answers:\n" + String.join("\n", unexpected));
    }

    @Test
    void anotherTeamsAnalystGetsWhatTheMatrixSaysForOurObjects() throws IOException {
        String payments = callers.stream().filter(c -> c.name().equals("analyst-payments")).findFirst().orElseThrow()
                .token();
        List<String> unexpected = new ArrayList<>();
        for (Route route : matrix()) {
            String url = serviceOf.get(route.key());
            if (url == null || route.fixture() == null) {
                continue;
            }
            String id = fixtures.get(route.fixture());
            Response r = call(payments, route.method(), url + concrete(route.path(), id),
                    OTHER_TEAM_BODIES.getOrDefault(route.key(), "{}"));
            if (r.statusCode() != route.otherTeamStatus()) {
                unexpected.add(route.key() + " on platform's " + route.fixture() + ": " + r.statusCode()
                        + ", expected " + route.otherTeamStatus() + " " + r.body().asString());
            }
        }
        assertTrue(unexpected.isEmpty(), "another team's analyst:\n" + String.join("\n", unexpected));
        // and nothing of ours changed on the way
        String analyst = callers.get(1).token();
        given().auth().oauth2(analyst).get(PlatformUnderTest.get("PILLAR_FINDINGS_URL") + "/api/v1/findings/"
                + fixtures.get("finding")).then().statusCode(200)
                .body("finding.status", org.hamcrest.Matchers.is("new"));
        given().auth().oauth2(analyst).get(PlatformUnderTest.get("PILLAR_FINDINGS_URL")
                + "/api/v1/findings/suppression-rules").then().statusCode(200)
                .body("find { it.id == '" + fixtures.get("rule") + "' }.enabled", org.hamcrest.Matchers.is(true));
    }

    /** The path with its object id, and any other parameter ({step}) given a value of its own. */
    private static String concrete(String path, String id) {
        return path.replace("{id}", id).replaceAll("\\{[a-z_]+}", "step-1");
    }

    private static Response call(String token, String method, String url, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .queryParam("from", 1).queryParam("to", 1).request(method, url);
    }

    /**
     * Team platform's objects, made by its analyst: a finding and its import, a rule, a subscription, an attestation,
     * an asset and its
     * import, an identity import and its principal.
     */
    private static Map<String, String> platformObjects(String analyst) {
        String findings = PlatformUnderTest.get("PILLAR_FINDINGS_URL");
        String marker = "authz-" + UUID.randomUUID();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("import", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"findings\": [{\"title\": \"" + marker + "\", \"severity\": \"high\", \"product\": \""
                        + marker + "\", \"rule\": \"r\", \"resources\": [{\"uid\": \"urn:" + marker + "\"}]}]}")
                .post(findings + "/api/v1/findings/imports?format=pillar&team=platform").then().statusCode(201)
                .extract().path("id"));
        out.put("finding", given().auth().oauth2(analyst).queryParam("import_id", out.get("import"))
                .get(findings + "/api/v1/findings").then().statusCode(200).extract().path("items[0].id"));
        out.put("rule", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"name\": \"" + marker + "\", \"status\": \"suppressed\", \"reason\": \"authorization test\", "
                        + "\"expires_at\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\", \"criteria\": "
                        + "{\"team\": \"platform\", \"product\": \"" + marker + "-none\"}}")
                .post(findings + "/api/v1/findings/suppression-rules").then().statusCode(201)
                .extract().path("rule.id"));
        out.put("subscription", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"team\": \"platform\", \"product\": [\"" + marker + "\"]}")
                .post(findings + "/api/v1/subscriptions").then().statusCode(201).extract().path("id"));
        out.put("attestation", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"scope\": \"team:platform\", \"best_practice\": \"SEC11-BP01\", \"statement\": \""
                        + marker + "\", \"owner\": \"security champions\", \"expires_at\": \""
                        + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}")
                .post(findings + "/api/v1/posture/attestations").then().statusCode(201).extract().path("id"));
        String inventory = PlatformUnderTest.get("PILLAR_INVENTORY_URL");
        out.put("asset-import", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"assets\": [{\"type\": \"bucket\", \"natural_id\": \"arn:aws:s3:::" + marker
                        + "\", \"tags\": {\"owner\": \"platform\"}}]}")
                .post(inventory + "/api/v1/assets/imports?format=pillar").then().statusCode(200).extract().path("id"));
        // the finding's resource becomes an asset of its own (no team) as soon as it is resolved: pick the bucket
        out.put("asset", given().auth().oauth2(analyst).queryParam("q", marker).get(inventory + "/api/v1/assets")
                .then().statusCode(200).extract()
                .path("items.find { it.natural_id == 'arn:aws:s3:::" + marker + "' }.id"));
        String identity = PlatformUnderTest.get("PILLAR_IDENTITY_URL");
        String account = String.format("%012d",
                Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        out.put("identity-import", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"UserDetailList\": [{\"UserName\": \"" + marker + "\", \"Arn\": \"arn:aws:iam::" + account
                        + ":user/" + marker + "\"}]}")
                .post(identity + "/api/v1/identity/imports?team=platform").then().statusCode(201).extract().path("id"));
        out.put("principal", given().auth().oauth2(analyst).queryParam("account", account)
                .get(identity + "/api/v1/identity/principals").then().statusCode(200).extract().path("items[0].id"));
        out.putAll(responseObjects(analyst, marker, out.get("finding"), out.get("asset")));
        out.forEach((kind, id) -> assertTrue(id != null, "no " + kind + " made for the test"));
        return out;
    }

    /**
     * Team platform's incident (about its finding), playbook, a run of it waiting on a person, a trigger, and evidence
     * of its asset.
     */
    private static Map<String, String> responseObjects(String analyst, String marker, String finding, String asset) {
        String response = PlatformUnderTest.get("PILLAR_RESPONSE_URL");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("incident", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"title\": \"" + marker + "\", \"team\": \"platform\", \"finding_ids\": [\"" + finding + "\"]}")
                .post(response + "/api/v1/incidents").then().statusCode(201).extract().path("id"));
        out.put("playbook", given().auth().oauth2(analyst).contentType("application/json")
                .body(ResponseFlowIT.manualPlaybook(marker)).post(response + "/api/v1/playbooks?team=platform")
                .then().statusCode(201).extract().path("playbook.id"));
        out.put("run", given().auth().oauth2(analyst).contentType("application/json").body("{}")
                .post(response + "/api/v1/playbooks/" + out.get("playbook") + "/runs").then().statusCode(201)
                .extract().path("id"));
        out.put("trigger", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"name\": \"" + marker + "\", \"team\": \"platform\", \"open_incident\": true, "
                        + "\"filter\": {\"products\": [\"" + marker + "-none\"]}}")
                .post(response + "/api/v1/triggers").then().statusCode(201).extract().path("id"));
        out.put("evidence", given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"subject_kind\": \"asset\", \"subject_id\": \"" + asset + "\", \"incident_id\": \""
                        + out.get("incident") + "\"}")
                .post(response + "/api/v1/evidence").then().statusCode(201).extract().path("id"));
        return out;
    }

    /** Each operation the services serve ("GET /api/v1/findings/{id}") and the base URL of the service serving it. */
    private static Map<String, String> served(String token) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String service : SERVICES.keySet()) {
            String base = PlatformUnderTest.get(service);
            JsonNode paths = JSON.readTree(given().auth().oauth2(token).accept("application/json")
                    .get(base + "/q/openapi?format=json").then().statusCode(200).extract().asString()).path("paths");
            paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    out.put(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), base);
                }
            }));
        }
        return out;
    }

    private static List<Route> matrix() throws IOException {
        List<Route> routes = new ArrayList<>();
        try (InputStream in = AuthorizationMatrixIT.class.getResourceAsStream("/authorization-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                assertEquals(4, f.length, "method, path, roles, other team: " + line);
                Set<String> roles = f[2].equals("-") ? Set.of() : Set.of(f[2].split(","));
                String fixture = f[3].equals("-") ? null : f[3].substring(0, f[3].indexOf('='));
                int status = f[3].equals("-") ? 0 : Integer.parseInt(f[3].substring(f[3].indexOf('=') + 1));
                routes.add(new Route(f[0], f[1], roles, fixture, status));
            }
        }
        return routes;
    }
}
