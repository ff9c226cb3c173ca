package io.pillar.platform.outbox;

import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The outbox's tables, by Flyway migrations of the platform's own, recorded in {@code platform_schema_history} beside
 * the service's history. They run after the service's migrations (which created {@code outbox} in the findings and
 * inventory services before this library existed: the first migration makes any such table the platform's).
 */
public final class OutboxSchema {

    private OutboxSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).table("platform_schema_history").locations(new String[0])
                .javaMigrations(new V1__outbox()).baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    /** The outbox with headers and keys of up to 2,048 characters, and the dead letters of events Kafka refused. */
    static final class V1__outbox extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS outbox (
                            id          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                            topic       varchar(249)  NOT NULL,
                            record_key  varchar(2048) NOT NULL,
                            event_type  varchar(100)  NOT NULL,
                            payload     text          NOT NULL,
                            created_at  timestamptz   NOT NULL DEFAULT now())""");
                s.execute("ALTER TABLE outbox ALTER COLUMN record_key TYPE varchar(2048)");
                s.execute("ALTER TABLE outbox ADD COLUMN IF NOT EXISTS headers jsonb");
                // a queue: vacuumed after every few thousand deleted events, without the cost-based pause, so the
                // space they leave is reused instead of the table growing with each import
                s.execute("ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, "
                        + "autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0)");
                s.execute("""
                        CREATE TABLE outbox_dead_letter (
                            id          bigint        PRIMARY KEY,
                            topic       varchar(249)  NOT NULL,
                            record_key  varchar(2048) NOT NULL,
                            event_type  varchar(100)  NOT NULL,
                            payload     text          NOT NULL,
                            headers     jsonb,
                            created_at  timestamptz   NOT NULL,
                            failed_at   timestamptz   NOT NULL DEFAULT now(),
                            reason      text          NOT NULL)""");
                s.execute("CREATE INDEX outbox_dead_letter_failed_at ON outbox_dead_letter (failed_at)");
            }
        }
    }
}
