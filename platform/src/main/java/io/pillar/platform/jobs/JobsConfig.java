package io.pillar.platform.jobs;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pillar.jobs.*}: the service's table of long-running jobs, kept alive and closed when their instance dies. */
@ConfigMapping(prefix = "pillar.jobs")
public interface JobsConfig {
    /** Whether the service has jobs (fixed at build time: the beans exist only where it is true). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The job table (columns id uuid, status text, failure text, finished_at, heartbeat_at timestamptz, instance text);
     * absent: the service has no jobs.
     */
    Optional<String> table();

    /** How often this instance marks its running jobs alive. */
    @WithDefault("10s")
    Duration heartbeat();

    /** A running job not marked alive for this long belongs to an instance that died: it is closed as failed. */
    @WithDefault("60s")
    Duration staleAfter();
}
