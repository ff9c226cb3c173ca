package io.pillar.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.pillar.stack.Http;

/**
 * A first run as the README gives it: the platform of these tests was started by {@code ./pillar up --detach} on a
 * fresh state folder, and is stopped here by {@code ./pillar down} (so this class runs last); an unpack killed midway
 * leaves nothing that stops the next one.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunIT {
    private static final String RUNTIME = "deploy/e2e-tests/target/interrupted-runtime";

    @Test
    @Order(1)
    void anUnpackKilledMidwayIsRedoneWholeByTheNextPrepare() throws Exception {
        Path runtime = PlatformUnderTest.repo().resolve(RUNTIME);
        deleteTree(runtime);
        Map<String, String> env = Map.of("PILLAR_RUNTIME_DIR", RUNTIME);

        Process first = pillar(env, "prepare", "--unpack-only");
        Path partial = awaitPartialUnpack(runtime, first);
        first.descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly(); // kill -9: no shutdown hook, no clean-up
        first.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.isDirectory(partial), "the killed unpack left its staging folder");
        assertTrue(installed(runtime).isEmpty(), "nothing was moved into place half-written: " + installed(runtime));

        String second = output(pillar(env, "prepare", "--unpack-only"));
        assertTrue(second.contains("unpacking postgresql"), second);
        assertFalse(Files.exists(partial), "the staging folder was cleared");
        List<Path> homes = installed(runtime);
        assertEquals(3, homes.size(), "postgresql, kafka and keycloak: " + homes);
        Path postgres = homes.stream().filter(h -> h.getFileName().toString().startsWith("postgresql")).findFirst()
                .orElseThrow();
        Process version = new ProcessBuilder(postgres.resolve("bin/postgres").toString(), "--version")
                .redirectErrorStream(true).start();
        assertTrue(new String(version.getInputStream().readAllBytes()).contains("PostgreSQL"));

        String third = output(pillar(env, "prepare", "--unpack-only"));
        assertFalse(third.contains("unpacking"), "a complete runtime is used as it is: " + third);

        // a file damaged by hand (truncated) is noticed and its distribution unpacked again
        Path kafka = homes.stream().filter(h -> h.getFileName().toString().startsWith("kafka")).findFirst()
                .orElseThrow();
        Path jar;
        try (Stream<Path> jars = Files.list(kafka.resolve("libs"))) {
            jar = jars.findFirst().orElseThrow();
        }
        long size = Files.size(jar);
        try (RandomAccessFile f = new RandomAccessFile(jar.toFile(), "rw")) {
            f.setLength(size / 2);
        }
        String fourth = output(pillar(env, "prepare", "--unpack-only"));
        assertTrue(fourth.contains("is not usable") && fourth.contains("unpacking kafka"), fourth);
        assertEquals(size, Files.size(jar));
        deleteTree(runtime);
    }

    @Test
    @Order(2)
    void thePlatformStartedByTheReadmeCommandAnswersAndStopsWithDown() throws IOException {
        assumeTrue(PlatformUnderTest.startedHere(),
                "the developer's running platform was tested; ./pillar up on a fresh state runs when none is running");
        Path state = PlatformUnderTest.repo().resolve(PlatformUnderTest.STATE_DIR);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                state.resolve("stack.env"))));
        String gateway = PlatformUnderTest.get("PILLAR_GATEWAY_URL");
        given().auth().oauth2(Keycloak.demoUser("analyst")).when().get(gateway + "/api/v1/findings?limit=1").then()
                .statusCode(200);

        Map<String, String> env = Map.of("PILLAR_STATE_DIR", PlatformUnderTest.STATE_DIR);
        assertEquals(0, PlatformUnderTest.run(env, Duration.ofMinutes(3), "down"));
        assertEquals(-1, Http.status(gateway + "/q/health/ready"), "the gateway is stopped");
        assertEquals(-1, Http.status(PlatformUnderTest.get("PILLAR_OIDC_URL") + "/.well-known/openid-configuration"),
                "Keycloak is stopped");
        assertFalse(Files.exists(state.resolve("run/stack.pid")), "no supervisor is left");
        try (Stream<Path> pids = Files.list(state.resolve("run"))) {
            List<Path> left = pids.filter(p -> p.toString().endsWith(".pid")).toList();
            assertTrue(left.isEmpty(), "every component's pid file is gone: " + left);
        }
    }

    private static Process pillar(Map<String, String> env, String... args) throws IOException {
        return PlatformUnderTest.start(env, args);
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Waits until the first distribution's staging folder holds some files, then returns it. */
    private static Path awaitPartialUnpack(Path runtime, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(runtime)) {
                try (Stream<Path> children = Files.list(runtime)) {
                    for (Path child : children.toList()) {
                        if (child.getFileName().toString().endsWith(".partial") && count(child) >= 20) {
                            return child;
                        }
                    }
                }
            }
            assertTrue(p.isAlive(), "prepare ended before it was caught unpacking");
            Thread.sleep(5);
        }
        throw new AssertionError("no unpacking seen within 2 minutes");
    }

    private static long count(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.count();
        } catch (IOException | RuntimeException e) {
            return 0; // it changes while walked
        }
    }

    private static List<Path> installed(Path runtime) throws IOException {
        try (Stream<Path> children = Files.list(runtime)) {
            return children.filter(Files::isDirectory).filter(c -> !c.getFileName().toString().endsWith(".partial"))
                    .sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
