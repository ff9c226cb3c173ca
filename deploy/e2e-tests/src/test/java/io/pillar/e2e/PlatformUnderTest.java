package io.pillar.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pillar.stack.EnvFile;
import io.pillar.stack.Http;
import io.pillar.stack.Layout;
import io.pillar.stack.Ports;

/**
 * The platform the end-to-end tests talk to: the one {@code ./pillar up} runs in this checkout if it is healthy,
 * otherwise one started the way the README says, by {@code ./pillar up --detach}, on free ports with a fresh state
 * folder (deploy/e2e-tests/target/stack), and stopped by {@code ./pillar down} when the tests end. Started once per
 * test JVM.
 */
final class PlatformUnderTest {
    static final String STATE_DIR = "deploy/e2e-tests/target/stack";
    private static Map<String, String> env;
    private static Layout layout;
    /** Whether the tests started the platform themselves (fresh state), rather than reusing the developer's. */
    private static boolean started;

    static synchronized Map<String, String> env() {
        if (env == null) {
            env = startOrReuse();
        }
        return env;
    }

    /** Where the platform under test keeps its state (its team Kafka clients' settings among it). */
    static synchronized Layout layout() {
        env();
        return layout;
    }

    static String get(String name) {
        String value = env().get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in the stack's environment");
        }
        return value;
    }

    static synchronized boolean startedHere() {
        env();
        return started;
    }

    static Path repo() {
        return Layout.findRepo(Path.of("").toAbsolutePath());
    }

    private static Map<String, String> startOrReuse() {
        Path repo = repo();
        Layout developer = Layout.of(repo);
        Map<String, String> running = EnvFile.read(developer.envFile());
        if (!running.isEmpty() && Http.status(running.get("PILLAR_GATEWAY_URL") + "/q/health/ready") == 200
                && Http.status(running.get("PILLAR_OIDC_URL") + "/.well-known/openid-configuration") == 200) {
            System.out.println("[e2e] testing the platform already running from " + developer.envFile());
            layout = developer;
            return running;
        }
        Map<String, String> variables = new HashMap<>(Ports.free().environment());
        variables.put("PILLAR_STATE_DIR", STATE_DIR);
        Layout own = Layout.of(repo, variables);
        System.out.println("[e2e] starting the platform with ./pillar up --detach, state in " + own.state());
        run(variables, Duration.ofMinutes(1), "down"); // one a killed test run left behind
        run(variables, Duration.ofMinutes(1), "reset");
        int exit = run(variables, Duration.ofMinutes(20), "up", "--detach");
        if (exit != 0) {
            throw new IllegalStateException("./pillar up --detach failed with exit code " + exit
                    + " (see the output above and " + own.logs() + ")");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(variables, Duration.ofMinutes(3), "down")));
        started = true;
        layout = own;
        return EnvFile.read(own.envFile());
    }

    /** Runs {@code ./pillar} with these variables, its output shown with an [e2e] prefix; returns its exit code. */
    static int run(Map<String, String> variables, Duration timeout, String... args) {
        try {
            Process process = start(variables, args);
            Thread echo = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(line -> System.out.println("[e2e] " + line));
                } catch (IOException e) {
                    // the exit code tells
                }
            });
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                throw new IllegalStateException("./pillar " + String.join(" ", args) + " did not finish within "
                        + timeout);
            }
            echo.join(5_000);
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("could not run ./pillar: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Starts {@code ./pillar} with these variables (output and errors on one stream, as a log would show them). */
    static Process start(Map<String, String> variables, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(repo().resolve("pillar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo().toFile()).redirectErrorStream(true);
        builder.environment().putAll(variables);
        builder.environment().remove("PILLAR_TTY");
        return builder.start();
    }

    private PlatformUnderTest() {
    }
}
