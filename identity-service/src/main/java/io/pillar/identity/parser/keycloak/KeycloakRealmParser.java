package io.pillar.identity.parser.keycloak;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.keycloak.KeycloakRealm;
import io.pillar.identity.keycloak.KeycloakRealm.Client;
import io.pillar.identity.keycloak.KeycloakRealm.Settings;
import io.pillar.identity.keycloak.KeycloakUser;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityParser;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.IdentityReport.Rejection;
import io.pillar.identity.parser.MalformedExportException;

/**
 * A Keycloak realm export (or realm import file, or the admin API's realm representation with its users): settings,
 * clients, roles, groups and users. Each user's effective roles are worked out here: its own, its groups' and their
 * parents', and every composite role they contain. Client secrets and credential values are never read; of a
 * credential only its type is kept.
 */
@ApplicationScoped
public class KeycloakRealmParser implements IdentityParser {
    public static final String FORMAT = "keycloak-realm";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean detects(IdentityInput input) {
        JsonNode j = input.json();
        return j != null && j.isObject() && j.path("realm").isTextual()
                && (j.has("users") || j.has("clients") || j.has("roles") || j.has("bruteForceProtected"));
    }

    @Override
    public IdentityReport parse(IdentityInput input) throws MalformedExportException {
        JsonNode r = input.json();
        if (r == null || !r.isObject() || !r.path("realm").isTextual() || r.path("realm").asText().isBlank()) {
            throw new MalformedExportException("$.realm", input.jsonError() != null
                    ? "not JSON: " + input.jsonError()
                    : "a realm export is a JSON object naming its realm");
        }
        Roles roles = new Roles(r.path("roles"));
        Map<String, JsonNode> groups = new HashMap<>();
        collectGroups(r.path("groups"), "", groups);
        List<Client> clients = new ArrayList<>();
        for (JsonNode c : r.path("clients")) {
            clients.add(new Client(c.path("clientId").asText(), bool(c, "enabled"), bool(c, "publicClient"),
                    bool(c, "bearerOnly"), strings(c.path("redirectUris")), strings(c.path("webOrigins")),
                    bool(c, "fullScopeAllowed"), bool(c, "serviceAccountsEnabled"),
                    bool(c, "directAccessGrantsEnabled"), bool(c, "implicitFlowEnabled"),
                    integer(c.path("attributes"), "access.token.lifespan")));
        }
        List<KeycloakUser> users = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        JsonNode list = r.path("users");
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode u = list.get(i);
            if (!u.path("username").isTextual()) {
                rejected.add(new Rejection("$.users[" + i + "]", "a user needs a username"));
                continue;
            }
            users.add(user(u, roles, groups));
        }
        Settings settings = new Settings(r.get("realm").asText(), bool(r, "enabled"), bool(r, "bruteForceProtected"),
                r.path("passwordPolicy").asText(null), integer(r, "accessTokenLifespan"),
                integer(r, "ssoSessionMaxLifespan"), integer(r, "ssoSessionIdleTimeout"),
                r.path("sslRequired").asText(null), bool(r, "registrationAllowed"), roles.realmComposites());
        KeycloakRealm realm = new KeycloakRealm(settings, clients, users);
        return new IdentityReport(FORMAT, KeycloakRealm.accountOf(settings.realm()), IdentityReport.KEYCLOAK,
                List.of(), List.of(), List.of(), rejected, null, realm);
    }

    private static KeycloakUser user(JsonNode u, Roles roles, Map<String, JsonNode> groups) {
        List<String> realmRoles = strings(u.path("realmRoles"));
        Map<String, List<String>> clientRoles = new TreeMap<>();
        u.path("clientRoles").fields().forEachRemaining(e -> clientRoles.put(e.getKey(), strings(e.getValue())));
        List<String> groupPaths = strings(u.path("groups"));
        Set<String> realmIn = new TreeSet<>(realmRoles);
        Map<String, Set<String>> clientIn = new TreeMap<>();
        clientRoles.forEach((c, rs) -> clientIn.computeIfAbsent(c, k -> new TreeSet<>()).addAll(rs));
        for (String path : groupPaths) {
            // a member of /a/b has the roles of /a/b and of /a
            String p = path.startsWith("/") ? path : "/" + path;
            while (!p.isEmpty()) {
                JsonNode g = groups.get(p);
                if (g != null) {
                    realmIn.addAll(strings(g.path("realmRoles")));
                    g.path("clientRoles").fields().forEachRemaining(e -> clientIn
                            .computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(strings(e.getValue())));
                }
                p = p.substring(0, p.lastIndexOf('/'));
            }
        }
        roles.expand(realmIn, clientIn);
        List<String> types = new ArrayList<>();
        u.path("credentials").forEach(c -> {
            String t = c.path("type").asText(null);
            if (t != null && !types.contains(t)) {
                types.add(t);
            }
        });
        Map<String, List<String>> effectiveClient = new TreeMap<>();
        clientIn.forEach((c, rs) -> effectiveClient.put(c, List.copyOf(rs)));
        Long created = u.path("createdTimestamp").isNumber() ? u.get("createdTimestamp").asLong() : null;
        return new KeycloakUser(u.get("username").asText(), u.path("id").asText(null),
                u.path("enabled").asBoolean(false), u.path("email").asText(null), realmRoles, clientRoles,
                groupPaths, types, strings(u.path("requiredActions")), u.path("serviceAccountClientId").asText(null),
                created == null ? null : Instant.ofEpochMilli(created), List.copyOf(realmIn),
                effectiveClient);
    }

    private static void collectGroups(JsonNode list, String parent, Map<String, JsonNode> out) {
        for (JsonNode g : list) {
            String path = parent + "/" + g.path("name").asText();
            out.put(path, g);
            collectGroups(g.path("subGroups"), path, out);
        }
    }

    /** The realm's and clients' roles with their composites. */
    private static final class Roles {
        final Map<String, JsonNode> realm = new LinkedHashMap<>();
        final Map<String, Map<String, JsonNode>> client = new LinkedHashMap<>();

        Roles(JsonNode roles) {
            roles.path("realm").forEach(r -> realm.put(r.path("name").asText(), r));
            roles.path("client").fields().forEachRemaining(e -> {
                Map<String, JsonNode> byName = new LinkedHashMap<>();
                e.getValue().forEach(r -> byName.put(r.path("name").asText(), r));
                client.put(e.getKey(), byName);
            });
        }

        Map<String, List<String>> realmComposites() {
            Map<String, List<String>> out = new TreeMap<>();
            realm.forEach((name, r) -> {
                List<String> parts = new ArrayList<>(strings(r.path("composites").path("realm")));
                r.path("composites").path("client").fields().forEachRemaining(e -> strings(e.getValue())
                        .forEach(role -> parts.add(e.getKey() + "/" + role)));
                if (!parts.isEmpty()) {
                    out.put(name, List.copyOf(parts));
                }
            });
            return out;
        }

        /** Adds every role the given ones contain, transitively. */
        void expand(Set<String> realmIn, Map<String, Set<String>> clientIn) {
            Deque<String[]> todo = new ArrayDeque<>();
            realmIn.forEach(r -> todo.add(new String[]{null, r}));
            clientIn.forEach((c, rs) -> rs.forEach(r -> todo.add(new String[]{c, r})));
            Set<String> seen = new LinkedHashSet<>();
            while (!todo.isEmpty()) {
                String[] role = todo.poll();
                if (!seen.add(role[0] + "/" + role[1])) {
                    continue;
                }
                JsonNode def = role[0] == null
                        ? realm.get(role[1])
                        : client.getOrDefault(role[0], Map.of()).get(role[1]);
                if (def == null) {
                    continue;
                }
                for (String r : strings(def.path("composites").path("realm"))) {
                    if (realmIn.add(r)) {
                        todo.add(new String[]{null, r});
                    }
                }
                def.path("composites").path("client").fields().forEachRemaining(e -> {
                    for (String r : strings(e.getValue())) {
                        if (clientIn.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(r)) {
                            todo.add(new String[]{e.getKey(), r});
                        }
                    }
                });
            }
        }
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isNumber()
                ? Integer.valueOf(v.asInt())
                : v.asText().matches("\\d{1,9}")
                        ? Integer.valueOf(
                                v.asText())
                        : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        }
        n.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }
}
