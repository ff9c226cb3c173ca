package io.pillar.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pillar.testsupport.SharedKafka;

/** The poll loop against a real broker: dead letters, a failing poll read again, positions kept across restarts. */
class PolledConsumerTest {

    @Test
    void rejectedRecordsBecomeDeadLettersAndAFailedPollIsReadAgain() throws Exception {
        String topic = newTopic();
        String group = "test-" + UUID.randomUUID();
        send(topic, "ok-1", "bad-1", "ok-2");
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        PolledConsumer.Handler handler = polled -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database unavailable");
            }
            List<PolledConsumer.Rejected> rejected = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : polled) {
                String value = new String(r.value(), StandardCharsets.UTF_8);
                if (value.startsWith("bad")) {
                    rejected.add(new PolledConsumer.Rejected(r, "not a report: " + value));
                } else {
                    processed.add(value);
                }
            }
            return rejected;
        };
        try (PolledConsumer c = PolledConsumer.start(settings(topic, group), handler)) {
            await(() -> processed.size() == 2);
            assertTrue(c.alive());
        }
        assertEquals(List.of("ok-1", "ok-2"), processed, "the failed poll was read again, each record once");
        List<ConsumerRecord<String, byte[]>> letters = readAll(DeadLetters.topicFor(topic), 1);
        ConsumerRecord<String, byte[]> letter = letters.get(0);
        assertEquals("bad-1", new String(letter.value(), StandardCharsets.UTF_8));
        assertEquals("not a report: bad-1", header(letter, DeadLetters.REASON));
        assertEquals(topic, header(letter, DeadLetters.TOPIC));
        assertEquals("1", header(letter, DeadLetters.OFFSET));

        // the positions were committed on close: a new consumer of the group reads only what came after
        send(topic, "ok-3");
        List<String> later = Collections.synchronizedList(new ArrayList<>());
        try (PolledConsumer c = PolledConsumer.start(settings(topic, group), polled -> {
            polled.forEach(r -> later.add(new String(r.value(), StandardCharsets.UTF_8)));
            return List.of();
        })) {
            await(() -> !later.isEmpty());
            Thread.sleep(1_000);
        }
        assertEquals(List.of("ok-3"), later);
    }

    private static PolledConsumer.Settings settings(String topic, String group) {
        return new PolledConsumer.Settings(topic, group,
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10), Duration.ofMillis(200));
    }

    private static String newTopic() throws Exception {
        String name = "platform.polled." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static void send(String topic, String... values) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, v, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        assertEquals(expected, out.size(), "records on " + topic);
        return out;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out");
            Thread.sleep(100);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
