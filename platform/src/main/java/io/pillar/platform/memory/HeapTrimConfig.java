package io.pillar.platform.memory;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pillar.heap-trim.*}: when an idle service gives back the heap it grew under load. */
@ConfigMapping(prefix = "pillar.heap-trim")
public interface HeapTrimConfig {
    @WithDefault("true")
    boolean enabled();

    /** How often the service looks whether it is idle. */
    @WithDefault("15s")
    Duration interval();

    /**
     * Idle: the process used less CPU than this share of one core over the last interval (background work such as the
     * findings' enrichment runs below it; an import or a stream of records far above).
     */
    @WithDefault("0.10")
    double idleCpu();

    /** How long the process must have been idle without a break (the heap grows back, at a cost, if work resumes). */
    @WithDefault("45s")
    Duration idleFor();

    /** Committed heap beyond what is used, in MiB, below which there is nothing worth giving back. */
    @WithDefault("64")
    int slackMib();
}
