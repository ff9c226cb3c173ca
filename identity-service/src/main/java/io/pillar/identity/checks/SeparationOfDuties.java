package io.pillar.identity.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.keycloak.KeycloakRealm;
import io.pillar.identity.keycloak.KeycloakUser;

/**
 * Conflicting duties (iam/separation-of-duties.yaml, or the file {@code pillar.identity.separation-of-duties}
 * names): a user or role of an AWS account that may perform an action of each side, or a Keycloak user holding a
 * role of each side, breaks separation of duties. One check per conflict: {@code separation-of-duties/<id>}.
 */
final class SeparationOfDuties {
    private static final List<String> PRACTICES = List.of("SEC03-BP01", "SEC03-BP02");

    /** A conflict: its id, what holding both sides means, and the sides. */
    record Conflict(String id, String title, List<List<String>> sides) {
        String checkId() {
            return "separation-of-duties/" + id;
        }

        CheckInfo info() {
            return new CheckInfo(checkId(), "high", "Separation of duties: a principal " + title,
                    "A principal " + title + ".",
                    "Split the two duties between different principals, so that no one person completes both.",
                    PRACTICES);
        }
    }

    final List<Conflict> aws;
    final List<Conflict> keycloak;

    SeparationOfDuties(Optional<String> file) {
        JsonNode d = file.filter(f -> !f.isBlank()).map(f -> YamlData.file(Path.of(f)))
                .orElseGet(() -> YamlData.resource("iam/separation-of-duties.yaml"));
        aws = conflicts(d.path("aws"));
        keycloak = conflicts(d.path("keycloak"));
    }

    private static List<Conflict> conflicts(JsonNode list) {
        List<Conflict> out = new ArrayList<>();
        for (JsonNode c : list) {
            List<List<String>> sides = new ArrayList<>();
            c.path("sides").forEach(side -> {
                List<String> items = new ArrayList<>();
                side.forEach(i -> items.add(i.asText()));
                sides.add(List.copyOf(items));
            });
            if (!c.path("id").isTextual() || sides.size() < 2) {
                throw new IllegalStateException("separation of duties: a conflict needs an id and two sides: " + c);
            }
            out.add(new Conflict(c.get("id").asText(), c.path("title").asText(c.get("id").asText()),
                    List.copyOf(sides)));
        }
        return List.copyOf(out);
    }

    void run(AccountModel model, List<Violation> out) {
        for (AwsPrincipal p : model.actors()) {
            for (Conflict c : aws) {
                List<String> held = new ArrayList<>();
                for (List<String> side : c.sides()) {
                    side.stream().filter(a -> model.permissions(p.arn()).decide(a, null).permits()).findFirst()
                            .ifPresent(held::add);
                }
                if (held.size() == c.sides().size()) {
                    out.add(new Violation(c.checkId(), p.arn(), "iam_" + p.kind(),
                            p.name() + " " + c.title() + ": " + String.join(" and ", held), null));
                }
            }
        }
    }

    void run(String account, KeycloakRealm realm, List<Violation> out) {
        for (KeycloakUser u : realm.users()) {
            for (Conflict c : keycloak) {
                List<String> held = new ArrayList<>();
                for (List<String> side : c.sides()) {
                    side.stream().filter(role -> holds(u, role)).findFirst().ifPresent(held::add);
                }
                if (held.size() == c.sides().size()) {
                    out.add(new Violation(c.checkId(), KeycloakChecks.userResource(account, u.username()),
                            "keycloak_user", u.username() + " " + c.title() + ": " + String.join(" and ", held),
                            null));
                }
            }
        }
    }

    private static boolean holds(KeycloakUser u, String role) {
        int slash = role.indexOf('/');
        return slash < 0
                ? u.effectiveRealmRoles().contains(role)
                : u.hasClientRole(role.substring(0, slash), role.substring(slash + 1));
    }
}
