package io.pillar.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.pillar.stack.Layout;
import io.pillar.stack.PlatformService;
import io.pillar.testsupport.SharedKafka;
import io.pillar.testsupport.SharedPostgres;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the code instead: every service, port, topic
 * and environment variable it names must exist where the code reads it.
 */
class ComposeFileTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(PILLAR_[A-Z_]+)");
    private static Path repo;
    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        repo = Layout.findRepo(Path.of("").toAbsolutePath());
        services = new ObjectMapper(new YAMLFactory()).readTree(repo.resolve("docker-compose.yml").toFile())
                .get("services");
    }

    @Test
    void everyPillarServiceIsThereBuiltFromItsModule() {
        for (PlatformService service : PlatformService.values()) {
            JsonNode compose = services.get(service.module());
            assertTrue(compose != null, service.module() + " is missing from docker-compose.yml");
            Path context = repo.resolve(compose.at("/build/context").asText()).normalize();
            assertEquals(repo.resolve(service.module()), context);
            assertTrue(Files.isRegularFile(context.resolve(compose.at("/build/dockerfile").asText())));
        }
    }

    @Test
    void everyVariableAServiceIsGivenIsOneItReads() throws IOException {
        for (PlatformService service : PlatformService.values()) {
            Set<String> read = placeholders(
                    Files.readString(
                            repo.resolve(service.module()).resolve("src/main/resources/application.properties")));
            // and what the platform library reads for every service
            read.addAll(placeholders(Files.readString(
                    repo.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"))));
            services.get(service.module()).get("environment").fieldNames().forEachRemaining(name -> assertTrue(
                    // JAVA_OPTS_APPEND is the image's launcher's; Quarkus reads KAFKA_* as kafka.* settings
                    read.contains(name) || name.equals("JAVA_OPTS_APPEND") || name.startsWith("KAFKA_SSL_"),
                    service.module() + " is given " + name + " but never reads it"));
        }
    }

    @Test
    void eachServiceListensAndIsPublishedOnItsDefaultPort() throws IOException {
        for (PlatformService service : PlatformService.values()) {
            String properties = Files.readString(
                    repo.resolve(service.module()).resolve("src/main/resources/application.properties"));
            Matcher m = Pattern.compile("\\$\\{" + service.envPrefix() + "_PORT:(\\d+)}").matcher(properties);
            assertTrue(m.find(), service.module() + " reads no " + service.envPrefix() + "_PORT");
            String port = m.group(1);
            JsonNode compose = services.get(service.module());
            assertEquals(port, compose.at("/environment/" + service.envPrefix() + "_PORT").asText());
            assertEquals("127.0.0.1:" + port + ":" + port, compose.get("ports").get(0).asText());
        }
    }

    @Test
    void theGatewayReachesEachServiceByItsComposeNameAndPort() {
        JsonNode gateway = services.get("gateway").get("environment");
        for (PlatformService service : PlatformService.values()) {
            if (service != PlatformService.GATEWAY) {
                String port = services.get(service.module()).at("/environment/" + service.envPrefix() + "_PORT")
                        .asText();
                assertEquals("http://" + service.module() + ":" + port,
                        gateway.get(service.envPrefix() + "_URL").asText());
            }
        }
    }

    @Test
    void kafkaInitSetsTheBrokerUpWithThePlatformsOwnCode() {
        JsonNode init = services.get("kafka-init");
        assertTrue(init.get("command").toString().contains("io.pillar.stack.KafkaSetup"));
        assertTrue(init.get("volumes").get(0).asText().startsWith("./deploy/stack/target:"));
        assertEquals("SASL_SSL", init.at("/environment/PILLAR_KAFKA_SECURITY_PROTOCOL").asText());
        for (String name : List.of("PILLAR_KAFKA_BOOTSTRAP", "PILLAR_OIDC_URL", "PILLAR_KEYCLOAK_URL",
                "PILLAR_KAFKA_TRUSTSTORE", "PILLAR_KAFKA_TRUSTSTORE_PASSWORD", "PILLAR_TEAM_KAFKA_TRUSTSTORE",
                "PILLAR_KEYCLOAK_ADMIN_PASSWORD", "PILLAR_KAFKA_BROKER_CLIENT_SECRET", "PILLAR_TEAM_KAFKA_BOOTSTRAP",
                "PILLAR_TEAM_OIDC_URL", "PILLAR_TEAM_KAFKA_SETTINGS")) {
            assertTrue(init.at("/environment").has(name), "kafka-init lacks " + name);
        }
    }

    @Test
    void theBrokerTakesOnlyTokensOverTlsAndEachServiceLogsInAsItsOwnClient() {
        JsonNode kafka = services.at("/kafka/environment");
        assertEquals("false", kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText());
        assertEquals("User:pillar-kafka-broker", kafka.get("KAFKA_SUPER_USERS").asText());
        assertEquals("kafka", kafka.get("KAFKA_SASL_OAUTHBEARER_EXPECTED_AUDIENCE").asText());
        assertEquals("/tls/kafka.p12", kafka.get("KAFKA_SSL_KEYSTORE_LOCATION").asText());
        assertTrue(services.at("/kafka-tls/command").toString().contains("dns:kafka,dns:localhost"),
                "the broker's certificate names the host its clients dial");
        for (String protocol : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
            assertTrue(protocol.endsWith(":SASL_SSL"), "every listener takes tokens over TLS: " + protocol);
        }
        for (PlatformService service : PlatformService.values()) {
            JsonNode env = services.get(service.module()).get("environment");
            assertEquals("SASL_SSL", env.get("PILLAR_KAFKA_SECURITY_PROTOCOL").asText(), service.module());
            assertEquals("/tls/truststore.p12", env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").asText(), service.module());
            assertEquals(service.clientId(), env.get("PILLAR_KAFKA_CLIENT_ID").asText(), service.module());
            assertTrue(env.get("PILLAR_KAFKA_CLIENT_SECRET").asText()
                    .startsWith("${" + service.envPrefix() + "_CLIENT_SECRET:"), service.module());
            assertTrue(env.get("JAVA_OPTS_APPEND").asText().contains("-Dorg.apache.kafka.sasl.oauthbearer.allowed"
                    + ".urls=http://keycloak:8180/realms/pillar/protocol/openid-connect/token"), service.module());
        }
    }

    @Test
    void keycloakGetsEveryValueTheRealmFileNames() throws IOException {
        JsonNode keycloak = services.get("keycloak");
        Set<String> given = new HashSet<>();
        keycloak.get("environment").fieldNames().forEachRemaining(given::add);
        Set<String> needed = placeholders(Files.readString(repo.resolve("deploy/keycloak/pillar-realm.json")));
        assertTrue(given.containsAll(needed), "keycloak lacks " + needed);
        assertTrue(keycloak.get("volumes").get(0).asText().startsWith("./deploy/keycloak/pillar-realm.json:"));
    }

    @Test
    void postgresCreatesEveryServicesDatabaseWithItsPassword() {
        JsonNode postgres = services.get("postgres").get("environment");
        for (PlatformService service : PlatformService.values()) {
            JsonNode env = services.get(service.module()).get("environment");
            if (env.has(service.envPrefix() + "_DB_PASSWORD")) {
                assertEquals(env.get(service.envPrefix() + "_DB_PASSWORD").asText(),
                        postgres.get(service.envPrefix() + "_DB_PASSWORD").asText());
            }
        }
    }

    @Test
    void theTestResourcesRunTheSameImages() {
        assertEquals(SharedPostgres.IMAGE, services.at("/postgres/image").asText());
        assertEquals(SharedKafka.IMAGE, services.at("/kafka/image").asText());
        assertEquals("quay.io/keycloak/keycloak:26.7.3", services.at("/keycloak/image").asText());
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
