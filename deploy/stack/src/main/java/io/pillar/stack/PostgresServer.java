package io.pillar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from the embedded binaries on Maven Central (no installed PostgreSQL needed), its data under
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

    private final EmbeddedPostgres postgres;
    private final Ports ports;

    private PostgresServer(EmbeddedPostgres postgres, Ports ports) {
        this.postgres = postgres;
        this.ports = ports;
    }

    static PostgresServer start(Layout layout, Ports ports, Secrets secrets) throws IOException, SQLException {
        Path data = layout.data().resolve("postgres");
        Path binaries = layout.runtime().resolve("postgres");
        Files.createDirectories(data.getParent());
        Files.createDirectories(binaries);
        Files.createDirectories(layout.logs());
        var log = ProcessBuilder.Redirect.appendTo(layout.log("postgres").toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(ports.postgres())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setServerConfig("listen_addresses", ports.host())
                .setServerConfig("max_connections", "200")
                .setRegisterShutdownHook(false)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setPGStartupWait(Duration.ofSeconds(90))
                .start();
        PostgresServer server = new PostgresServer(postgres, ports);
        server.ensureDatabases(secrets);
        return server;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + ports.host() + ":" + ports.postgres() + "/" + database;
    }

    private void ensureDatabases(Secrets secrets) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
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
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
