package io.pillar.e2e;

import java.nio.file.Path;
import java.util.Map;

import io.pillar.stack.EnvFile;
import io.pillar.stack.Http;
import io.pillar.stack.Layout;
import io.pillar.stack.Ports;
import io.pillar.stack.Stack;

/**
 * The platform the end-to-end tests talk to: the one {@code ./pillar up} runs in this checkout if it is healthy,
 * otherwise one started here by the same code, on free ports, with its state under target/stack, and stopped when the
 * tests end. Started once per test JVM.
 */
final class PlatformUnderTest {
    private static Map<String, String> env;

    static synchronized Map<String, String> env() {
        if (env == null) {
            env = startOrReuse();
        }
        return env;
    }

    static String get(String name) {
        String value = env().get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in the stack's environment");
        }
        return value;
    }

    private static Map<String, String> startOrReuse() {
        Path repo = Layout.findRepo(Path.of("").toAbsolutePath());
        Layout developer = Layout.of(repo);
        Map<String, String> running = EnvFile.read(developer.envFile());
        if (!running.isEmpty() && Http.status(running.get("PILLAR_GATEWAY_URL") + "/q/health/ready") == 200
                && Http.status(running.get("PILLAR_OIDC_URL") + "/.well-known/openid-configuration") == 200) {
            System.out.println("[e2e] testing the platform already running from " + developer.envFile());
            return running;
        }
        Layout own = new Layout(repo, repo.resolve("deploy/e2e-tests/target/stack"), developer.runtime());
        System.out.println("[e2e] starting the platform with the code of ./pillar up, state in " + own.state());
        try {
            Stack stack = Stack.up(own, Ports.free(), message -> System.out.println("[e2e] " + message));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            System.out.println("[e2e] platform ready after " + stack.readyAfter());
            return stack.env();
        } catch (Exception e) {
            throw new IllegalStateException("the platform did not start: " + e.getMessage(), e);
        }
    }

    private PlatformUnderTest() {
    }
}
