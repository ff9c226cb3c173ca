package io.pillar.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code pillar.outbox.*}: how the relay publishes the outbox. */
@ConfigMapping(prefix = "pillar.outbox")
public interface OutboxConfig {
    /** Whether the service has an outbox (fixed at build time: the outbox's beans exist only where it is true). */
    @WithDefault("false")
    boolean enabled();

    /** Events read, sent and deleted per relay round. */
    @WithDefault("1000")
    int batch();

    /** How long a round waits for the broker's acknowledgements before leaving the rest for the next round. */
    @WithDefault("30s")
    Duration ackTimeout();

    /** How long events Kafka refused for good stay in {@code outbox_dead_letter}. */
    @WithDefault("30d")
    Duration deadLetterRetention();
}
