package io.pillar.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The dead letters a topic receives from now on, by record key: the reason and the origin they carry. */
final class DeadLetterLog implements AutoCloseable {
    /** A dead letter's headers: why, and where the record was (topic, partition, offset). */
    record Letter(String reason, String topic, String partition, String offset) {
        boolean complete() {
            return reason != null && !reason.isBlank() && topic != null && partition != null && offset != null;
        }
    }

    private final Map<String, Letter> byKey = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    DeadLetterLog(Map<String, Object> kafka, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Bench.kafka(kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "chaos-" + UUID.randomUUID()), new StringDeserializer(),
                new StringDeserializer());
        Bench.fromNow(consumer, topic);
        thread = Thread.ofPlatform().name("chaos-" + topic).start(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        byKey.put(String.valueOf(r.key()), new Letter(header(r, "dead-letter-reason"),
                                header(r, "dead-letter-topic"), header(r, "dead-letter-partition"),
                                header(r, "dead-letter-offset")));
                    }
                }
            }
        });
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    Map<String, Letter> letters() {
        return Map.copyOf(byKey);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
