package io.pillar.platform.outbox;

import java.util.Map;

/**
 * An event to publish once the transaction that writes it commits: the Kafka record's topic, key (the entity id, so one
 * entity's events stay ordered on one partition), CloudEvent type (the {@code ce_type} header), value and any further
 * headers.
 */
public record OutboxEvent(String topic, String key, String type, String payload, Map<String, String> headers) {

    public OutboxEvent {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static OutboxEvent of(String topic, String key, String type, String payload) {
        return new OutboxEvent(topic, key, type, payload, Map.of());
    }
}
