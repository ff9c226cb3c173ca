package io.pillar.platform.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Long-running jobs (imports) and the instance that runs them. While a job runs here its row is marked alive every
 * {@code pillar.jobs.heartbeat}; a job whose instance died would otherwise say {@code running} forever, so at start
 * the jobs this instance's previous run left are closed as {@code failed}, and at every heartbeat those of any other
 * instance silent for {@code pillar.jobs.stale-after} and this instance's that no longer run (a job whose thread
 * could not record its failure while the database was away). Whatever a job had committed stays, with its counts.
 */
@ApplicationScoped
@IfBuildProperty(name = "pillar.jobs.enabled", stringValue = "true")
public class RunningJobs {
    private static final Logger LOG = Logger.getLogger(RunningJobs.class);
    static final String INTERRUPTED = "interrupted: it stopped before it finished on %s (that instance stopped, or "
            + "lost its database); the counts are what had committed";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    JobsConfig config;
    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    private final Map<UUID, Long> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong oldestRunningSeconds = new AtomicLong();
    private String instance;

    /** This process's name among the service's instances: host and HTTP port, the same after a restart here. */
    public String instance() {
        if (instance == null) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            instance = host + ":" + port;
        }
        return instance;
    }

    @Inject
    MeterRegistry metrics;

    void start(@Observes StartupEvent start) {
        for (String status : JobFilter.STATUSES) {
            Gauge.builder("pillar_import_jobs", byStatus.computeIfAbsent(status, s -> new AtomicLong()),
                    AtomicLong::get).tag("status", status).description("Import jobs by status").register(metrics);
        }
        Gauge.builder("pillar_import_jobs_oldest_running_seconds", oldestRunningSeconds, AtomicLong::get)
                .description("How long the oldest running import has run").register(metrics);
        closeLeftovers();
        sample();
    }

    /**
     * Closes the jobs this instance's previous run left running (and any silent too long, or of no known instance);
     * returns how many.
     */
    public int closeLeftovers() {
        return config.table().map(table -> {
            int closed = close(table, "(instance = ? or instance is null or heartbeat_at < ?)", (c, update) -> {
                update.setString(2, instance());
                update.setTimestamp(3, staleBefore());
            });
            if (closed > 0) {
                LOG.warnf("closed %d job(s) left running by a stopped instance as failed", closed);
            }
            return closed;
        }).orElse(0);
    }

    /** Marks a job as run here from now on: call before the transaction that writes it. */
    public void started(UUID id) {
        running.put(id, System.nanoTime());
    }

    /** The job no longer runs here (ended, or its thread gave up); its duration goes to pillar_import_duration. */
    public void finished(UUID id) {
        Long since = running.remove(id);
        if (since != null) {
            Timer.builder("pillar_import_duration").description("How long imports run here").register(metrics)
                    .record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
        }
    }

    @Scheduled(every = "${pillar.jobs.heartbeat:10s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    /** Marks this instance's running jobs alive, then closes those of instances silent too long. */
    public void beat() {
        config.table().ifPresent(table -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement update = c.prepareStatement(
                            "update " + table + " set heartbeat_at = now(), instance = ? where id = ? and status = "
                                    + "'running'")) {
                for (UUID id : running.keySet()) {
                    update.setString(1, instance());
                    update.setObject(2, id);
                    update.executeUpdate();
                }
            } catch (SQLException e) {
                LOG.warnf("running jobs not marked alive: %s", e.getMessage());
                return;
            }
            // this instance's jobs that no longer run here (their thread died with the database, say) are done too
            int closed = close(table, "((instance <> ? and heartbeat_at < ?) or (instance = ? and not (id = any (?))))",
                    (c, update) -> {
                        update.setString(2, instance());
                        update.setTimestamp(3, staleBefore());
                        update.setString(4, instance());
                        update.setArray(5, c.createArrayOf("uuid", running.keySet().toArray()));
                    });
            if (closed > 0) {
                LOG.warnf("closed %d job(s) of an instance silent for %s as failed", closed, config.staleAfter());
            }
        });
        sample();
    }

    /** Jobs by status and the age of the oldest running one, for the gauges. */
    private void sample() {
        config.table().ifPresent(table -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                Map<String, Long> counts = new java.util.HashMap<>();
                try (ResultSet rs = s.executeQuery("select status, count(*) from " + table + " group by status")) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
                byStatus.forEach((status, gauge) -> gauge.set(counts.getOrDefault(status, 0L)));
                try (ResultSet rs = s.executeQuery("select coalesce(extract(epoch from now() - min(started_at)), 0) "
                        + "from " + table + " where status = 'running'")) {
                    rs.next();
                    oldestRunningSeconds.set(rs.getLong(1));
                }
            } catch (SQLException e) {
                LOG.debugf("jobs not sampled: %s", e.getMessage());
            }
        });
    }

    /** A statement's parameters after the first (the failure text). */
    @FunctionalInterface
    private interface Parameters {
        void set(Connection c, PreparedStatement statement) throws SQLException;
    }

    /** Closes the running jobs the condition selects as failed; returns how many. */
    private int close(String table, String where, Parameters parameters) {
        String sql = "update " + table + " set status = 'failed', finished_at = now(), failure = format(?, "
                + "coalesce(instance, 'unknown')) where status = 'running' and " + where;
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, INTERRUPTED);
            parameters.set(c, update);
            return update.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("jobs of stopped instances not closed yet: %s", e.getMessage());
            return 0;
        }
    }

    private Timestamp staleBefore() {
        return Timestamp.from(Instant.now().minus(config.staleAfter()));
    }
}
