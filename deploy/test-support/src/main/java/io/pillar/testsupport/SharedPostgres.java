package io.pillar.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.Logger;

import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per JVM: the one named by PILLAR_TEST_JDBC_URL (with PILLAR_TEST_DB_USER and
 * PILLAR_TEST_DB_PASSWORD) if set, else a container where a Docker engine runs, else embedded PostgreSQL binaries. Each
 * caller gets a fresh database of its own on it.
 */
public final class SharedPostgres {
    /** The image docker-compose.yml runs. */
    public static final String IMAGE = "postgres:16-alpine";
    private static final Logger LOG = Logger.getLogger(SharedPostgres.class.getName());
    private static Server server;

    /** A server reachable at {@code baseUrl + database}. */
    public record Server(String baseUrl, String user, String password) {
        public String url(String database) {
            return baseUrl + database;
        }
    }

    public record Database(String jdbcUrl, String user, String password) {
    }

    /** Creates a new, empty database whose name starts with the prefix. */
    public static synchronized Database newDatabase(String prefix) {
        if (server == null) {
            server = start();
        }
        String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new Database(server.url(name), server.user(), server.password());
    }

    private static Server start() {
        String external = System.getenv("PILLAR_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            LOG.info("PostgreSQL for tests: the running server at " + external);
            String base = external.substring(0, external.lastIndexOf('/') + 1);
            return new Server(base, System.getenv("PILLAR_TEST_DB_USER"), System.getenv("PILLAR_TEST_DB_PASSWORD"));
        }
        if (Docker.available()) {
            LOG.info("PostgreSQL for tests: container " + IMAGE);
            PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            String url = container.getJdbcUrl();
            return new Server(url.substring(0, url.lastIndexOf('/') + 1), container.getUsername(),
                    container.getPassword());
        }
        LOG.info("PostgreSQL for tests: embedded PostgreSQL binaries (no Docker engine)");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    LOG.warning("stopping the test database: " + e);
                }
            }));
            return new Server("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/", "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    private SharedPostgres() {
    }
}
