package io.pillar.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

/**
 * PostgreSQL from the binaries on Maven Central (no installed PostgreSQL needed), its data under
 * {@code .pillar/data/postgres}. Each service and Keycloak get their own database and login role; other roles may not
 * connect to it.
 */
final class PostgresServer implements AutoCloseable {
    /** Database (and role) name -> the secret holding its password. */
    static final Map<String, String> DATABASES = Map.of(
            "keycloak", "PILLAR_KEYCLOAK_DB_PASSWORD",
            "inventory", "PILLAR_INVENTORY_DB_PASSWORD",
            "findings", "PILLAR_FINDINGS_DB_PASSWORD",
            "identity", "PILLAR_IDENTITY_DB_PASSWORD",
            "response", "PILLAR_RESPONSE_DB_PASSWORD");
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+(?:\\.\\d+)+)\\.jar!");

    private final Layout layout;
    private final Path home;
    private final Path data;
    private final ManagedProcess process;
    private final Ports ports;
    /** The superuser's password: every connection, the stack's own included, authenticates with SCRAM. */
    private final String superuserPassword;

    private PostgresServer(Layout layout, Path home, Path data, ManagedProcess process, Ports ports,
            String superuserPassword) {
        this.layout = layout;
        this.home = home;
        this.data = data;
        this.process = process;
        this.ports = ports;
        this.superuserPassword = superuserPassword;
    }

    /** The binaries for this machine, unpacked under the runtime folder when they are not yet. */
    static Path install(Layout layout, Consumer<String> progress) throws IOException {
        String system = System.getProperty("os.name");
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        String resource = "postgres-" + system.toLowerCase(java.util.Locale.ROOT).replace(" ", "") + "-" + arch
                + ".txz";
        URL url = DefaultPostgresBinaryResolver.class.getClassLoader().getResource(resource);
        String source = url == null ? resource : url.toString().replaceFirst("^.*/", "");
        Matcher version = JAR_VERSION.matcher(url == null ? "" : url.toString());
        String name = "postgresql-" + (version.find() ? version.group(1) : "embedded");
        return Distribution.install(layout.runtime(), name, source, staging -> {
            try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
                untarXz(txz, staging);
            }
        }, progress);
    }

    static PostgresServer start(Layout layout, Ports ports, String superuserPassword, Consumer<String> progress)
            throws IOException, SQLException {
        Path home = install(layout, progress);
        Path data = layout.data().resolve("postgres");
        Files.createDirectories(layout.logs());
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            initialise(layout, home, data, superuserPassword, progress);
        }
        ManagedProcess process = ManagedProcess.start(layout, "postgres", unprivileged(
                home.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
                Integer.toString(ports.postgres()),
                "-c", "listen_addresses=" + ports.host(), "-c", "unix_socket_directories=", "-c",
                "max_connections=200"), Map.of(), data);
        PostgresServer server = new PostgresServer(layout, home, data, process, ports, superuserPassword);
        try {
            server.awaitReady();
            server.requirePasswords();
            return server;
        } catch (RuntimeException | SQLException e) {
            server.close();
            throw e;
        }
    }

    /** initdb into a staging folder, renamed into place when done: an interrupted initdb leaves nothing in the way. */
    private static void initialise(Layout layout, Path home, Path data, String superuserPassword,
            Consumer<String> progress) throws IOException {
        Path staging = data.resolveSibling(data.getFileName() + ".partial");
        Distribution.deleteTree(staging);
        Distribution.deleteTree(data);
        Files.createDirectories(staging.getParent());
        progress.accept("creating the PostgreSQL cluster in " + data);
        // the superuser's password reaches initdb in a file only it reads, removed at once
        Path passwordFile = staging.getParent().resolve(".initdb-password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, superuserPassword + "\n");
            ManagedProcess.runToCompletion(layout, "postgres-initdb",
                    unprivileged(home.resolve("bin/initdb").toString(), "--auth=scram-sha-256",
                            "--pwfile=" + passwordFile, "-U", "postgres", "-E", "UTF-8", "--no-locale", "-D",
                            staging.toString()),
                    Map.of(), staging.getParent(), Duration.ofMinutes(3));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A cluster made before the stack used passwords trusts every local connection: the superuser gets its password
     * and {@code pg_hba.conf} asks for SCRAM from everyone, applied without a restart.
     */
    private void requirePasswords() throws IOException, SQLException {
        Path hba = data.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba);
        if (lines.stream().noneMatch(PostgresServer::trusts)) {
            return;
        }
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // generated by our own generator (base64url): safe to quote
            s.execute("ALTER ROLE postgres PASSWORD '" + superuserPassword + "'");
            Files.write(hba, lines.stream().map(l -> trusts(l) ? l.replaceAll("\\btrust\\b", "scram-sha-256") : l)
                    .toList());
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static boolean trusts(String hbaLine) {
        String line = hbaLine.strip();
        return !line.startsWith("#") && line.matches(".*\\strust(\\s.*)?");
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), "postgres", superuserPassword);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + ports.host() + ":" + ports.postgres() + "/" + database;
    }

    private void awaitReady() throws SQLException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            try (Connection c = superuser()) {
                return;
            } catch (SQLException e) {
                if (!process.alive()) {
                    throw new IllegalStateException("PostgreSQL exited before it was ready\n" + process.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL was not ready within " + STARTUP.toSeconds() + " s\n"
                            + process.logTail());
                }
                Http.sleep(Duration.ofMillis(200));
            }
        }
    }

    /** Each service's role and database, made when missing; returns the databases made now. */
    java.util.Set<String> ensureDatabases(Secrets secrets) throws SQLException {
        java.util.Set<String> made = new java.util.TreeSet<>();
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            for (var db : DATABASES.entrySet()) {
                String name = db.getKey();
                boolean roleExists;
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                    q.setString(1, name);
                    roleExists = q.executeQuery().next();
                }
                // passwords come from our own generator (base64url), so quoting them is safe
                String password = secrets.get(db.getValue());
                s.execute((roleExists ? "ALTER ROLE " : "CREATE ROLE ") + name + " LOGIN PASSWORD '" + password + "'");
                boolean dbExists;
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, name);
                    dbExists = q.executeQuery().next();
                }
                if (!dbExists) {
                    s.execute("CREATE DATABASE " + name + " OWNER " + name);
                    s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
                    made.add(name);
                }
            }
        }
        return made;
    }

    /**
     * Hands the audit ledger's table to a role nobody logs in as, once the identity-service's migrations made it: the
     * service appends and reads entries, and can neither truncate the table nor drop or disable the rules that keep
     * entries from being changed or deleted. Run at every start (idempotent).
     */
    /** Runs deploy/postgres/seal-audit-ledger.sql in database identity as the superuser (again: no change). */
    void sealAuditLedger() throws SQLException {
        String sql;
        try {
            sql = Files.readString(layout.repo().resolve("deploy/postgres/seal-audit-ledger.sql"));
        } catch (IOException e) {
            throw new SQLException("deploy/postgres/seal-audit-ledger.sql cannot be read: " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("identity"), "postgres", superuserPassword);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long pid() {
        return process.pid();
    }

    ManagedProcess process() {
        return process;
    }

    /** A fast shutdown (open sessions are ended, everything written is kept), then the process is gone. */
    @Override
    public void close() {
        if (process.alive()) {
            try {
                ManagedProcess.runToCompletion(layout, "postgres-stop",
                        unprivileged(home.resolve("bin/pg_ctl").toString(),
                                "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "60"),
                        Map.of(), data,
                        Duration.ofSeconds(70));
            } catch (RuntimeException e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
        }
        process.stop(Duration.ofSeconds(10));
    }

    /**
     * PostgreSQL refuses to run as root; as root, it runs in a user namespace of its own, where it is nobody (the files
     * it writes still belong to the real user).
     */
    private static List<String> unprivileged(String... command) {
        List<String> all = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            all.addAll(List.of("/usr/bin/unshare", "--user"));
        }
        all.addAll(List.of(command));
        return all;
    }

    /** Unpacks a .tar.xz stream (files, folders, symbolic links, their modes) into {@code target}. */
    static void untarXz(InputStream txz, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path p = target.resolve(entry.getName()).normalize();
                if (!p.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(p);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(p, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        set.add(PosixFilePermission.OWNER_READ);
        set.add(PosixFilePermission.OWNER_WRITE);
        return set;
    }
}
