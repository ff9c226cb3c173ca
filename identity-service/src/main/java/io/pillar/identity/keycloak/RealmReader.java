package io.pillar.identity.keycloak;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;

/**
 * Reads a live realm through the admin API into the shape of a realm export (settings, roles with their composites,
 * clients, groups with their roles, users with their direct roles, group paths and credential types), so that it is
 * analysed exactly as an exported realm is. Credentials are read as type and creation time only: the admin API does
 * not hand out their secrets, and nothing else is kept.
 */
@ApplicationScoped
public class RealmReader {
    private static final int PAGE = 100;

    @Inject
    KeycloakAdmin admin;

    public ObjectNode read(String realm) {
        JsonNode settings = admin.get(realm, "");
        if (settings == null || !settings.isObject()) {
            throw new ProblemException(404, "Not Found", "Keycloak has no realm " + realm);
        }
        ObjectNode out = ((ObjectNode) settings).deepCopy();
        JsonNode clients = orEmpty(admin.get(realm, "/clients"));
        out.set("clients", clients);
        Map<String, String> clientIds = new HashMap<>();
        clients.forEach(c -> clientIds.put(c.path("id").asText(), c.path("clientId").asText()));

        ObjectNode roles = out.putObject("roles");
        roles.set("realm", roles(realm, orEmpty(admin.get(realm, "/roles?briefRepresentation=false")), clientIds));
        ObjectNode clientRoles = roles.putObject("client");
        for (JsonNode c : clients) {
            clientRoles.set(c.path("clientId").asText(), roles(realm, orEmpty(admin.get(realm,
                    "/clients/" + c.path("id").asText() + "/roles?briefRepresentation=false")), clientIds));
        }
        out.set("groups", groups(realm, orEmpty(admin.get(realm, "/groups?briefRepresentation=false"))));

        ArrayNode users = out.putArray("users");
        for (int first = 0;; first += PAGE) {
            JsonNode page = orEmpty(admin.get(realm, "/users?briefRepresentation=false&first=" + first + "&max="
                    + PAGE));
            page.forEach(u -> users.add(user(realm, (ObjectNode) u, clientIds)));
            if (page.size() < PAGE) {
                break;
            }
        }
        // the admin API lists service accounts only through their clients
        for (JsonNode c : clients) {
            if (c.path("serviceAccountsEnabled").asBoolean(false)) {
                JsonNode account = admin.get(realm, "/clients/" + c.path("id").asText() + "/service-account-user");
                if (account != null && account.isObject()) {
                    ObjectNode user = user(realm, (ObjectNode) account, clientIds);
                    user.put("serviceAccountClientId", c.path("clientId").asText());
                    users.add(user);
                }
            }
        }
        return out;
    }

    private ArrayNode roles(String realm, JsonNode list, Map<String, String> clientIds) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode r : list) {
            ObjectNode role = out.addObject().put("name", r.path("name").asText());
            if (r.path("composite").asBoolean(false)) {
                ObjectNode composites = role.putObject("composites");
                ArrayNode realmParts = composites.putArray("realm");
                ObjectNode clientParts = composites.putObject("client");
                for (JsonNode part : orEmpty(admin.get(realm, "/roles-by-id/" + r.path("id").asText()
                        + "/composites"))) {
                    if (part.path("clientRole").asBoolean(false)) {
                        String client = clientIds.getOrDefault(part.path("containerId").asText(), "");
                        ArrayNode names = clientParts.has(client)
                                ? (ArrayNode) clientParts.get(client)
                                : clientParts.putArray(client);
                        names.add(part.path("name").asText());
                    } else {
                        realmParts.add(part.path("name").asText());
                    }
                }
            }
        }
        return out;
    }

    /** Groups with their roles and subgroups (recent Keycloak lists subgroups only on asking for children). */
    private ArrayNode groups(String realm, JsonNode list) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode g : list) {
            ObjectNode group = out.addObject().put("name", g.path("name").asText()).put("path",
                    g.path("path").asText());
            JsonNode mappings = orEmpty(admin.get(realm, "/groups/" + g.path("id").asText() + "/role-mappings"));
            roleMappings(mappings, group);
            JsonNode children = g.path("subGroups").isArray() && !g.path("subGroups").isEmpty()
                    ? g.get("subGroups")
                    : g.path("subGroupCount").asInt(0) > 0
                            ? orEmpty(admin.get(realm, "/groups/" + g.path("id").asText()
                                    + "/children?briefRepresentation=false&max=1000"))
                            : Json.MAPPER.createArrayNode();
            group.set("subGroups", groups(realm, children));
        }
        return out;
    }

    private ObjectNode user(String realm, ObjectNode u, Map<String, String> clientIds) {
        String id = u.path("id").asText();
        ObjectNode user = Json.MAPPER.createObjectNode();
        for (String field : new String[]{"id", "username", "enabled", "email", "createdTimestamp",
                "requiredActions"}) {
            if (u.has(field)) {
                user.set(field, u.get(field));
            }
        }
        if (u.hasNonNull("serviceAccountClientLink")) {
            user.put("serviceAccountClientId", clientIds.get(u.get("serviceAccountClientLink").asText()));
        }
        roleMappings(orEmpty(admin.get(realm, "/users/" + id + "/role-mappings")), user);
        ArrayNode groups = user.putArray("groups");
        orEmpty(admin.get(realm, "/users/" + id + "/groups")).forEach(g -> groups.add(g.path("path").asText()));
        ArrayNode credentials = user.putArray("credentials");
        orEmpty(admin.get(realm, "/users/" + id + "/credentials")).forEach(c -> credentials.addObject()
                .put("type", c.path("type").asText()).set("createdDate", c.path("createdDate")));
        return user;
    }

    /** Direct role mappings as an export writes them: realmRoles, and clientRoles by client id. */
    private static void roleMappings(JsonNode mappings, ObjectNode into) {
        ArrayNode realmRoles = into.putArray("realmRoles");
        mappings.path("realmMappings").forEach(r -> realmRoles.add(r.path("name").asText()));
        ObjectNode clientRoles = into.putObject("clientRoles");
        mappings.path("clientMappings").fields().forEachRemaining(e -> {
            ArrayNode names = clientRoles.putArray(e.getKey());
            e.getValue().path("mappings").forEach(r -> names.add(r.path("name").asText()));
        });
    }

    private static JsonNode orEmpty(JsonNode n) {
        return n == null ? Json.MAPPER.createArrayNode() : n;
    }
}
