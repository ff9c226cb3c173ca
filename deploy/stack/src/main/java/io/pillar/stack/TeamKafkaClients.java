package io.pillar.stack;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Kafka client for every team of the realm (each top-level group is a team): {@code pillar-team-<team>}, made in
 * Keycloak when it is missing, allowed to read only {@code pillar.team.<team>.findings} (see {@link KafkaAcls}). Its
 * settings, secret included, are written for the team's consumers to {@code pillar-team-<team>.properties} (readable
 * by the owner only) in {@code .pillar/kafka} of a local stack.
 */
final class TeamKafkaClients {

    /** The teams of the realm, each with its client in place and its settings written. */
    static List<String> ensure(KeycloakAdmin admin, Path settingsDir, String bootstrap, String issuer,
            Map<String, String> security, Consumer<String> progress) throws IOException, InterruptedException {
        String realm = "/admin/realms/" + KeycloakServer.REALM;
        List<String> teams = new ArrayList<>();
        for (JsonNode group : admin.get(realm + "/groups?briefRepresentation=true&max=10000")) {
            String team = group.path("name").asText();
            String clientId;
            try {
                clientId = KafkaAcls.teamClient(team);
            } catch (IllegalArgumentException e) {
                progress.accept("group " + team + " gets no Kafka client: " + e.getMessage());
                continue;
            }
            teams.add(team);
            String secret = secretOf(admin, realm, clientId, team);
            Map<String, Object> settings = new java.util.LinkedHashMap<>(
                    KafkaClients.config(bootstrap, issuer, clientId, secret));
            settings.putAll(security);
            settings.put("group.id", KafkaAcls.teamGroupPrefix(team) + "consumer");
            StringBuilder text = new StringBuilder("# Written by ./pillar up: how team " + team
                    + "'s consumers read " + io.pillar.contracts.Topic.teamFindings(team)
                    + ". Holds the client's secret: do not commit.\n# The JVM needs -D" + KafkaClients.ALLOWED_URLS
                    + "=" + settings.get("sasl.oauthbearer.token.endpoint.url") + "\n");
            settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            EnvFile.writePrivate(settingsDir.resolve(fileName(team)), text.toString());
        }
        return teams;
    }

    static String fileName(String team) {
        return KafkaAcls.teamClient(team) + ".properties";
    }

    private static String secretOf(KeycloakAdmin admin, String realm, String clientId, String team)
            throws IOException, InterruptedException {
        String query = realm + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        JsonNode found = admin.get(query);
        if (found.isEmpty()) {
            int created = admin.post(realm + "/clients", client(clientId, team));
            if (created != 201 && created != 409) {
                throw new IllegalStateException("Keycloak refused to create the Kafka client " + clientId + ": "
                        + created);
            }
            found = admin.get(query);
        }
        String id = found.get(0).path("id").asText();
        return admin.get(realm + "/clients/" + id + "/client-secret").path("value").asText();
    }

    private static Map<String, Object> client(String clientId, String team) {
        return Map.of("clientId", clientId, "name", "Kafka consumers of team " + team, "description",
                "Reads the team's findings topic, nothing else; made by ./pillar up for group /" + team,
                "enabled", true, "protocol", "openid-connect", "publicClient", false, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false, "protocolMappers",
                List.of(Map.of("name", "audience kafka", "protocol", "openid-connect", "protocolMapper",
                        "oidc-audience-mapper", "config", Map.of("included.custom.audience", KafkaBroker.AUDIENCE,
                                "id.token.claim", "false", "access.token.claim", "true"))));
    }

    private TeamKafkaClients() {
    }
}
