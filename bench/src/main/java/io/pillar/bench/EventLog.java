package io.pillar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every CloudEvent a topic receives from now on, kept by a marker read from the event (a scope, a product, an
 * account): what a run of the suite published. The consumer survives a broker restart (it reconnects).
 */
final class EventLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as received: its id, type and subject (the finding's or asset's id). */
    record Event(String id, String type, String subject) {
    }

    /** What a run's events say about the ids it should have announced. */
    record Tally(int published, int phantom, int missing, int duplicated, int redelivered) {
    }

    private final Map<String, List<Event>> byMarker = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    EventLog(Map<String, Object> kafka, String topic, Function<JsonNode, String> marker) {
        this(kafka, topic, marker, e -> e.path("subject").asText(null));
    }

    /** With the subject read from the event as {@code subject} says (an id of the data rather than the subject). */
    EventLog(Map<String, Object> kafka, String topic, Function<JsonNode, String> marker,
            Function<JsonNode, String> subject) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Bench.kafka(kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "chaos-" + UUID.randomUUID(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new StringDeserializer(), new StringDeserializer());
        Bench.fromNow(consumer, topic);
        thread = Thread.ofPlatform().name("chaos-" + topic).start(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        keep(r, marker, subject);
                    }
                }
            }
        });
    }

    private void keep(ConsumerRecord<String, String> r, Function<JsonNode, String> marker,
            Function<JsonNode, String> subject) {
        try {
            JsonNode event = JSON.readTree(r.value());
            String m = marker.apply(event);
            if (m != null) {
                byMarker.computeIfAbsent(m, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new Event(event.path("id").asText(), event.path("type").asText(),
                                subject.apply(event)));
            }
        } catch (java.io.IOException e) {
            // not an event of Pillar's: not counted
        }
    }

    /** The events of this marker and type so far. */
    List<Event> events(String marker, String type) {
        List<Event> all = byMarker.getOrDefault(marker, List.of());
        synchronized (all) {
            return all.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    /**
     * Compares the events of a type with the ids that should each have exactly one: published (ids announced),
     * phantom (announced, not in the database), missing (in the database, not announced), duplicated (an id
     * announced by two different events), redelivered (one event received twice, which consumers are built for).
     */
    Tally tally(String marker, String type, Set<String> expectedIds) {
        Map<String, Set<String>> eventIdsBySubject = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int redelivered = 0;
        for (Event e : events(marker, type)) {
            if (!seen.add(e.id())) {
                redelivered++;
            }
            eventIdsBySubject.computeIfAbsent(e.subject(), s -> new HashSet<>()).add(e.id());
        }
        int phantom = (int) eventIdsBySubject.keySet().stream().filter(id -> !expectedIds.contains(id)).count();
        int missing = (int) expectedIds.stream().filter(id -> !eventIdsBySubject.containsKey(id)).count();
        int duplicated = (int) eventIdsBySubject.values().stream().filter(ids -> ids.size() > 1).count();
        return new Tally(eventIdsBySubject.size(), phantom, missing, duplicated, redelivered);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
