package io.pillar.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the stack finds what the build made and keeps its state. {@code state} holds what {@code reset} wipes (data,
 * logs, generated secrets); {@code runtime} holds unpacked distributions, kept across resets so that Keycloak is not
 * rebuilt each time.
 */
public record Layout(Path repo, Path state, Path runtime) {

    /** The stack of a checkout: state under {@code <repo>/.pillar}. */
    public static Layout of(Path repo) {
        Path state = repo.resolve(".pillar");
        return new Layout(repo, state, state.resolve("runtime"));
    }

    /**
     * The stack of a checkout, with its state in {@code PILLAR_STATE_DIR} and its unpacked distributions in
     * {@code PILLAR_RUNTIME_DIR} where these are set (a second stack beside the developer's, a test's fresh state).
     */
    public static Layout of(Path repo, Map<String, String> env) {
        Layout standard = of(repo);
        String state = env.get("PILLAR_STATE_DIR");
        String runtime = env.get("PILLAR_RUNTIME_DIR");
        return new Layout(repo, state == null || state.isBlank() ? standard.state() : repo.resolve(state),
                runtime == null || runtime.isBlank() ? standard.runtime() : repo.resolve(runtime));
    }

    /** Finds the checkout from a directory inside it (the one holding {@code pillar} and {@code pom.xml}). */
    public static Path findRepo(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pillar")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a Pillar checkout: " + from.toAbsolutePath());
    }

    public Layout withRuntime(Path runtime) {
        return new Layout(repo, state, runtime);
    }

    public Path data() {
        return state.resolve("data");
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path run() {
        return state.resolve("run");
    }

    /** Where each team's Kafka client settings are written ({@code pillar-team-<team>.properties}). */
    public Path kafkaClients() {
        return state.resolve("kafka");
    }

    public Path envFile() {
        return state.resolve("stack.env");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return run().resolve(component + ".pid");
    }

    public Path serviceJar(String module) {
        return repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The broker's jars in the local Maven repository, as the build listed them. */
    public Path kafkaClasspath() {
        return repo.resolve("deploy/kafka-broker/target/classpath.txt");
    }

    public Path keycloakZip(String version) {
        return repo.resolve("deploy/stack/target/keycloak/keycloak-quarkus-dist-" + version + ".zip");
    }

    public Path realmFile() {
        return repo.resolve("deploy/keycloak/pillar-realm.json");
    }
}
