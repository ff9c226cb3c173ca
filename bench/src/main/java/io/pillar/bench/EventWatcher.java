package io.pillar.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A subscriber of pillar.findings.events from now on: counts events per scope, notes when each source uid arrived. */
final class EventWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, AtomicInteger> createdByScope = new ConcurrentHashMap<>();
    private final Map<String, Long> arrivalBySourceUid = new ConcurrentHashMap<>();
    /** Per source uid, epoch ms: when the findings-service built the event, when its relay produced it. */
    private final Map<String, long[]> stagesBySourceUid = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile boolean positioned;

    EventWatcher(Map<String, Object> kafka, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Bench.kafka(kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new StringDeserializer());
        Bench.fromNow(consumer, topic);
        positioned = true;
        thread = Thread.ofPlatform().name("bench-watcher").start(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        try {
                            // Pillar's own fields close the event: read them alone, not the whole OCSF finding, so
                            // the watcher takes little of the CPU it is measuring
                            String value = r.value();
                            int unmapped = value.lastIndexOf("\"unmapped\":");
                            JsonNode pillar = JSON.readTree(value.substring(unmapped + 11, value.length() - 2))
                                    .path("pillar");
                            String scope = pillar.path("scope").asText("");
                            createdByScope.computeIfAbsent(scope, s -> new AtomicInteger()).incrementAndGet();
                            String uid = pillar.path("source_uid").asText(null);
                            if (uid != null) {
                                arrivalBySourceUid.putIfAbsent(uid, now);
                                stagesBySourceUid.putIfAbsent(uid, new long[]{built(value), r.timestamp(),
                                        System.currentTimeMillis()});
                            }
                        } catch (Exception e) {
                            // not an event of ours
                        }
                    }
                }
            }
        });
    }

    boolean ready() {
        return positioned;
    }

    int events(String scope) {
        AtomicInteger n = createdByScope.get(scope);
        return n == null ? 0 : n.get();
    }

    /** The CloudEvent's time: when the findings-service built the event (the first "time" field, its envelope's). */
    private static long built(String value) {
        int t = value.indexOf("\"time\":\"") + 8;
        return Instant.parse(value.substring(t, value.indexOf('"', t))).toEpochMilli();
    }

    /** Epoch ms: event built, record produced by the relay, record read here; or null. */
    long[] stages(String sourceUid) {
        return stagesBySourceUid.get(sourceUid);
    }

    Long arrival(String sourceUid) {
        return arrivalBySourceUid.get(sourceUid);
    }

    /** Waits until the scope has at least n events; returns the time it happened (nanoTime), or -1 on timeout. */
    long awaitEvents(String scope, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (events(scope) >= n) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
