package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every REST path the documentation (README and docs, any .md of the repository) names is served: each is matched
 * against the gateway's API document, made of the services' own (OpenApiIT checks that each of its paths is routed).
 * A README that describes a route nobody serves fails here.
 */
class DocumentedPathsIT {
    /** A path as the docs write it: {@code /api/v1/findings/{id}}, {@code /api/v1/assets/<id>/history}. */
    private static final Pattern DOCUMENTED = Pattern.compile("/api/v1(?:/[A-Za-z0-9_.{}<>\\-]+)*");

    @Test
    void everyPathTheReadmesNameIsInAServicesOpenApiDocument() throws IOException {
        List<String> served = served();
        assertFalse(served.isEmpty());
        Set<String> missing = new TreeSet<>();
        Path repo = PlatformUnderTest.repo();
        for (Path doc : documents(repo)) {
            Matcher m = DOCUMENTED.matcher(Files.readString(doc));
            while (m.find()) {
                String path = m.group().replaceAll("[./]+$", "");
                if (path.equals("/api/v1")) {
                    continue; // "/api/v1/..." in prose: the prefix, not a route
                }
                // a gateway route names a prefix: served when some path starts with it
                if (served.stream().noneMatch(p -> template(p).matcher(path).matches() || p.startsWith(path + "/"))) {
                    missing.add(repo.relativize(doc) + ": " + path);
                }
            }
        }
        assertTrue(missing.isEmpty(), "documented but not served: " + missing);
    }

    /** An OpenAPI path as a pattern; its parameters match a value or a documented placeholder ({x} or <x>). */
    private static Pattern template(String openApiPath) {
        StringBuilder regex = new StringBuilder();
        for (String part : openApiPath.split("/", -1)) {
            if (!regex.isEmpty() || !part.isEmpty()) {
                regex.append("/");
            }
            regex.append(part.startsWith("{") ? "(?:[^/]+)" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** The paths of the gateway's API document (every service's, as routed), and that document itself. */
    private static List<String> served() throws IOException {
        String token = Keycloak.demoUser("analyst");
        String body = given().auth().oauth2(token).accept("application/json")
                .get(PlatformUnderTest.get("PILLAR_GATEWAY_URL") + "/api/v1/openapi.json").then().statusCode(200)
                .extract().asString();
        List<String> all = new ArrayList<>(List.of("/api/v1/openapi.json"));
        new ObjectMapper().readTree(body).path("paths").fieldNames().forEachRemaining(all::add);
        return all;
    }

    private static List<Path> documents(Path repo) throws IOException {
        try (Stream<Path> all = Files.walk(repo, 5)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.pillar/")
                            && !p.toString().contains("/node_modules/"))
                    .sorted().toList();
        }
    }
}
