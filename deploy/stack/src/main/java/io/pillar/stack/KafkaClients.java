package io.pillar.stack;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a program reaches the stack's Kafka broker: SASL/OAUTHBEARER with a token of one of the realm's clients, fetched
 * from Keycloak by the client itself (and refreshed before it expires). The broker knows the client by its id.
 */
public final class KafkaClients {
    /** Kafka calls only the token and key URLs listed in this system property. */
    public static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
    static final String JAAS = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required ;";
    static final String CLIENT_ID = "sasl.oauthbearer.client.credentials.client.id";
    static final String CLIENT_SECRET = "sasl.oauthbearer.client.credentials.client.secret";
    static final String LOGIN_HANDLER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

    /** Client settings for the realm client {@code clientId} against the stack described by {@code .pillar/stack.env}. */
    public static Map<String, Object> config(Map<String, String> env, String clientId, String secret) {
        return config(env.get("PILLAR_KAFKA_BOOTSTRAP"), env.get("PILLAR_OIDC_URL"), clientId, secret);
    }

    /** The integration client's settings (it writes raw findings and inventory changes, reads the event topics). */
    public static Map<String, Object> integration(Map<String, String> env) {
        return config(env, env.get("PILLAR_INTEGRATION_CLIENT_ID"), env.get("PILLAR_INTEGRATION_CLIENT_SECRET"));
    }

    /** The broker's own client, the cluster's only super user: for operators' tools (benchmarks) only. */
    public static Map<String, Object> operator(Map<String, String> env) {
        return config(env, KafkaBroker.BROKER_CLIENT, env.get(KafkaBroker.BROKER_SECRET));
    }

    /** The settings {@code ./pillar up} wrote for a team's consumers (see {@link TeamKafkaClients}). */
    public static Map<String, Object> team(Layout layout, String team) throws java.io.IOException {
        java.util.Properties file = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(teamFile(layout, team))) {
            file.load(in);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        file.stringPropertyNames().forEach(name -> config.put(name, file.getProperty(name)));
        allowUrl(file.getProperty("sasl.oauthbearer.token.endpoint.url"));
        return config;
    }

    /** The file of a team's settings, readable by its owner only. */
    public static java.nio.file.Path teamFile(Layout layout, String team) {
        return layout.kafkaClients().resolve(TeamKafkaClients.fileName(team));
    }

    static Map<String, Object> config(Ports ports, String clientId, String secret) {
        return config(KafkaBroker.bootstrap(ports), KeycloakServer.issuer(ports), clientId, secret);
    }

    static Map<String, Object> config(String bootstrap, String issuer, String clientId, String secret) {
        if (bootstrap == null || issuer == null || clientId == null || secret == null) {
            throw new IllegalArgumentException("the Kafka bootstrap, the realm's URL and a client id and secret are"
                    + " needed (from .pillar/stack.env)");
        }
        allowUrl(tokenUrl(issuer));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "OAUTHBEARER");
        config.put("sasl.login.callback.handler.class", LOGIN_HANDLER);
        config.put("sasl.oauthbearer.token.endpoint.url", tokenUrl(issuer));
        // the realm's tokens live 5 minutes: refreshed at 80 % of that, and at the latest a minute before expiry
        config.put("sasl.login.refresh.buffer.seconds", "60");
        config.put("sasl.jaas.config", JAAS);
        config.put(CLIENT_ID, clientId);
        config.put(CLIENT_SECRET, secret);
        return config;
    }

    static String tokenUrl(String issuer) {
        return issuer + "/protocol/openid-connect/token";
    }

    /** The JVM option that lets the broker fetch the realm's keys and its own token. */
    static String allowedUrlsOption(Ports ports) {
        String issuer = KeycloakServer.issuer(ports);
        return "-D" + ALLOWED_URLS + "=" + issuer + "/protocol/openid-connect/certs," + tokenUrl(issuer);
    }

    /** The JVM option for a client of this stack (the services): the token URL only. */
    static String clientAllowedUrlsOption(Ports ports) {
        return "-D" + ALLOWED_URLS + "=" + tokenUrl(KeycloakServer.issuer(ports));
    }

    /** Adds a URL to this JVM's allowed list (Kafka reads the property whenever it is about to call a URL). */
    private static synchronized void allowUrl(String url) {
        Set<String> urls = new LinkedHashSet<>();
        String current = System.getProperty(ALLOWED_URLS);
        if (current != null && !current.isBlank()) {
            urls.addAll(List.of(current.split(",")));
        }
        if (urls.add(url)) {
            System.setProperty(ALLOWED_URLS, String.join(",", urls));
        }
    }

    private KafkaClients() {
    }
}
