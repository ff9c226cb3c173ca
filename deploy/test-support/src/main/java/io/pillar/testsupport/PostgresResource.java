package io.pillar.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the application a fresh database on the JVM's shared real PostgreSQL server ({@link SharedPostgres}); Flyway
 * migrates it at start like in production. Init arg {@code database}: the name prefix.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private String prefix = "pillar_test";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        SharedPostgres.Database db = SharedPostgres.newDatabase(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // the server is shared by every test of this JVM and stops with it
    }
}
