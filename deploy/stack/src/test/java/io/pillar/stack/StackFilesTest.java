package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFilesTest {

    @Test
    void secretsAreGeneratedOnceThenKept(@TempDir Path dir) {
        Secrets first = Secrets.keepOrGenerate(Map.of());
        Path env = dir.resolve("stack.env");
        EnvFile.write(env, first.all());
        Secrets again = Secrets.keepOrGenerate(EnvFile.read(env));
        assertEquals(first.all(), again.all());
        assertNotEquals(first.get("PILLAR_DEMO_PASSWORD"), first.get("PILLAR_INTEGRATION_CLIENT_SECRET"));
        assertTrue(first.get("PILLAR_DEMO_PASSWORD").length() >= 12, "the realm's password policy needs 12");
    }

    @Test
    void theEnvFileIsShellQuotedAndOnlyItsOwnerReadsIt(@TempDir Path dir) throws IOException {
        Path env = dir.resolve("stack.env");
        EnvFile.write(env, Map.of("A", "it's $HOME `x`", "B", "plain"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        assertEquals(Map.of("A", "it's $HOME `x`", "B", "plain"), EnvFile.read(env));
        Process sh = new ProcessBuilder("sh", "-c", ". " + env + " && printf %s \"$A\"").start();
        assertEquals("it's $HOME `x`", new String(sh.getInputStream().readAllBytes()));
    }

    @Test
    void everyPlaceholderOfTheRealmIsAValueTheStackProvides() throws IOException {
        Path repo = Layout.findRepo(Path.of("").toAbsolutePath());
        String realm = Files.readString(Layout.of(repo).realmFile());
        Map<String, String> env = Stack.environment(Ports.fromEnvironment(Map.of()),
                Secrets.keepOrGenerate(Map.of()));
        for (String placeholder : KeycloakServer.placeholders(realm)) {
            assertTrue(env.containsKey(placeholder), placeholder + " has no value");
        }
        assertTrue(KeycloakServer.placeholders(realm).contains("PILLAR_DEMO_PASSWORD"));
    }

    @Test
    void portsHaveTheDocumentedDefaultsAndAreOverridable() {
        Ports defaults = Ports.fromEnvironment(Map.of());
        assertEquals(8080, defaults.gateway());
        assertEquals(8180, defaults.keycloak());
        assertEquals(9092, defaults.kafka());
        assertEquals(5433, defaults.postgres());
        assertEquals("127.0.0.1", defaults.host());
        Ports moved = Ports.fromEnvironment(Map.of("PILLAR_GATEWAY_PORT", "18080", "PILLAR_KAFKA_PORT", "19092"));
        assertEquals(18080, moved.gateway());
        assertEquals(19092, moved.kafka());
    }
}
