package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from its Maven Central distribution, in production mode on the stack's PostgreSQL, with realm
 * {@code pillar} imported at first start. The distribution is unpacked (see {@link Distribution}) and built (a
 * one-time Quarkus augmentation) under {@code .pillar/runtime}.
 */
final class KeycloakServer {
    static final String VERSION = "26.7.3";
    static final String REALM = "pillar";
    /** Build-time options; a change triggers a rebuild. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true",
            "--metrics-enabled=true");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(PILLAR_[A-Z_]+)}");

    /** The distribution, unpacked when it is not yet (or damaged); not built yet. */
    static Path install(Layout layout, Consumer<String> progress) throws IOException {
        Path zip = layout.keycloakZip(VERSION);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak distribution is missing at " + zip + ": run ./pillar build");
        }
        // its build rewrites lib/quarkus/ (and is redone when its marker is missing)
        return Distribution.install(layout.runtime(), "keycloak-" + VERSION, zip.getFileName() + " " + Files.size(zip),
                List.of("lib/quarkus/"), staging -> unzip(zip, staging), progress);
    }

    /** The distribution, unpacked and built (a one-time Quarkus augmentation) when that was not done yet. */
    static Path prepare(Layout layout, String javaHome, Consumer<String> progress) throws IOException {
        Path home = install(layout, progress);
        Path marker = home.resolve(".pillar-build");
        String wanted = String.join(" ", BUILD_OPTIONS);
        if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(wanted)) {
            progress.accept("building Keycloak for its production mode (once; about a minute)");
            List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            ManagedProcess.runToCompletion(layout, "keycloak-build", command, Map.of("JAVA_HOME", javaHome), home,
                    Duration.ofMinutes(10));
            Files.writeString(marker, wanted);
        }
        return home;
    }

    static ManagedProcess start(Layout layout, Path home, Ports ports, PostgresServer postgres, Secrets secrets,
            Map<String, String> realmValues, String javaHome) throws IOException {
        // Keycloak fills the realm's ${PILLAR_...} placeholders from its environment: no secret is written to disk
        String realm = Files.readString(layout.realmFile());
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        Files.writeString(importDir.resolve("pillar-realm.json"), realm);

        Map<String, String> env = new HashMap<>();
        for (String placeholder : placeholders(realm)) {
            String value = realmValues.get(placeholder);
            if (value == null) {
                throw new IllegalStateException("the realm file names ${" + placeholder + "}, which has no value");
            }
            env.put(placeholder, value);
        }
        env.put("JAVA_HOME", javaHome);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx448m");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.get("PILLAR_KEYCLOAK_ADMIN_PASSWORD"));
        env.put("KC_DB_URL", postgres.jdbcUrl("keycloak"));
        env.put("KC_DB_USERNAME", "keycloak");
        env.put("KC_DB_PASSWORD", secrets.get("PILLAR_KEYCLOAK_DB_PASSWORD"));
        return ManagedProcess.start(layout, "keycloak", List.of(home.resolve("bin/kc.sh").toString(), "start",
                "--optimized", "--cache=local", "--http-enabled=true", "--http-host=" + ports.host(),
                "--http-port=" + ports.keycloak(), "--http-management-port=" + ports.keycloakManagement(),
                "--hostname-strict=false", "--import-realm"), env, home);
    }

    /** Whether the realm file changed since the realm was made from it (or nobody noted which file that was). */
    static boolean realmChanged(Layout layout) throws IOException {
        Path marker = realmMarker(layout);
        return !Files.isRegularFile(marker) || !Files.readString(marker).trim().equals(realmHash(layout));
    }

    /** Notes that the realm now served was made from the current realm file. */
    static void rememberRealm(Layout layout) throws IOException {
        Files.writeString(realmMarker(layout), realmHash(layout));
    }

    /**
     * Replaces the realm by the realm file's, through the admin API of a running Keycloak: Keycloak imports the file
     * only into a new database, so a changed file (a new client, audience or mapper) would otherwise never reach it.
     * The placeholders are filled here, in memory. Users and clients made by hand in the local realm go with it.
     */
    static void replaceRealm(Layout layout, Ports ports, Secrets secrets, Map<String, String> realmValues)
            throws IOException, InterruptedException {
        String realm = Files.readString(layout.realmFile());
        for (String placeholder : placeholders(realm)) {
            String value = realmValues.get(placeholder);
            if (value == null) {
                throw new IllegalStateException("the realm file names ${" + placeholder + "}, which has no value");
            }
            realm = realm.replace("${" + placeholder + "}", value);
        }
        KeycloakAdmin admin = KeycloakAdmin.login(ports, secrets);
        int deleted = admin.delete("/admin/realms/" + REALM);
        if (deleted != 204 && deleted != 404) {
            throw new IllegalStateException("Keycloak refused to remove the old realm: " + deleted);
        }
        int created = admin.post("/admin/realms", realm);
        if (created != 201) {
            throw new IllegalStateException("Keycloak refused the realm file: " + created);
        }
    }

    private static Path realmMarker(Layout layout) {
        return layout.data().resolve("keycloak-realm.sha256");
    }

    private static String realmHash(Layout layout) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(layout.realmFile())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the realm is served. */
    static void awaitReady(Ports ports, ManagedProcess keycloak, Duration timeout) {
        Http.awaitOk("Keycloak", issuer(ports) + "/.well-known/openid-configuration", timeout, keycloak::alive,
                keycloak::logTail);
        // the realm's keys too: the services fetch them to verify every token
        Http.awaitOk("Keycloak", issuer(ports) + "/protocol/openid-connect/certs", timeout, keycloak::alive,
                keycloak::logTail);
    }

    static String issuer(Ports ports) {
        return ports.url(ports.keycloak()) + "/realms/" + REALM;
    }

    /** The names of the ${PILLAR_...} placeholders of a realm file. */
    static java.util.Set<String> placeholders(String realm) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(realm);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Unzips the distribution without its top folder ({@code keycloak-<version>/}). */
    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                Path p = target.resolve(name).normalize();
                if (!p.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                    if (p.toString().endsWith(".sh")) {
                        p.toFile().setExecutable(true, true);
                    }
                }
            }
        }
    }

    private KeycloakServer() {
    }
}
