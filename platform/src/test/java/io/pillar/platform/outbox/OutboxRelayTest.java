package io.pillar.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.pillar.testsupport.SharedKafka;
import io.pillar.testsupport.SharedPostgres;

/** The outbox against a real PostgreSQL and a real Kafka broker: order, races, refusals, the schema's upgrade. */
class OutboxRelayTest {
    private static PGSimpleDataSource db;
    private static final List<Producer<String, String>> producers = new ArrayList<>();

    @BeforeAll
    static void database() {
        SharedPostgres.Database d = SharedPostgres.newDatabase("platform_outbox");
        db = new PGSimpleDataSource();
        db.setURL(d.jdbcUrl());
        db.setUser(d.user());
        db.setPassword(d.password());
        OutboxSchema.migrate(db);
    }

    @AfterAll
    static void close() {
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));
    }

    @Test
    void twoRelaysRacingPublishEveryEventOnceAndEachKeyInOrder() throws Exception {
        String topic = newTopic(3);
        int keys = 20;
        int perKey = 150;
        // written in several transactions, keys interleaved, while two relays race over the outbox
        OutboxPublisher a = publisher(1000);
        OutboxPublisher b = publisher(1000);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> writer = pool.submit(() -> {
            for (int round = 0; round < perKey; round += 10) {
                List<OutboxEvent> events = new ArrayList<>();
                for (int i = round; i < round + 10; i++) {
                    for (int k = 0; k < keys; k++) {
                        events.add(OutboxEvent.of(topic, "key-" + k, "test.sequence", Integer.toString(i)));
                    }
                }
                write(events);
            }
            return null;
        });
        List<Future<Integer>> relays = new ArrayList<>();
        for (OutboxPublisher relay : List.of(a, b)) {
            relays.add(pool.submit(() -> {
                int sent = 0;
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < until && (!writer.isDone() || count("outbox") > 0)) {
                    OutboxPublisher.Round r = relay.publishOnce();
                    sent += r.published();
                    if (r.handled() == 0) {
                        Thread.sleep(2); // the other relay holds the outbox, or nothing is there yet
                    }
                }
                return sent;
            }));
        }
        writer.get(60, TimeUnit.SECONDS);
        int published = relays.get(0).get(90, TimeUnit.SECONDS) + relays.get(1).get(90, TimeUnit.SECONDS);
        pool.shutdown();
        assertEquals(keys * perKey, published);
        assertEquals(0, count("outbox"));

        Map<String, List<Integer>> seen = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(topic, keys * perKey)) {
            seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value()));
            assertEquals("test.sequence", new String(r.headers().lastHeader("ce_type").value()));
        }
        assertEquals(keys, seen.size());
        for (var e : seen.entrySet()) {
            List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
            assertEquals(expected, e.getValue(), "events of " + e.getKey() + " in the order written, once each");
        }
    }

    @Test
    void anEventKafkaRefusesForGoodIsDeadLetteredWithItsReasonAndTheRestGoOn() throws Exception {
        String topic = newTopic(1);
        String tooLarge = "x".repeat(2 * 1024 * 1024);
        write(List.of(OutboxEvent.of(topic, "a", "t", "before"), OutboxEvent.of(topic, "a", "t", tooLarge),
                new OutboxEvent(topic, "a", "t", "after", Map.of("pillar-format", "pillar"))));
        OutboxPublisher relay = publisher(1000);
        OutboxPublisher.Round round = relay.publishOnce();
        assertEquals(2, round.published());
        assertEquals(1, round.deadLettered());
        assertEquals(0, count("outbox"));
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT reason, length(payload), record_key FROM outbox_dead_letter")) {
            assertTrue(r.next());
            assertTrue(r.getString(1).startsWith("RecordTooLargeException"), r.getString(1));
            assertEquals(tooLarge.length(), r.getInt(2));
            assertEquals("a", r.getString(3));
            assertFalse(r.next());
        }
        List<ConsumerRecord<String, String>> records = readAll(topic, 2);
        assertEquals(List.of("before", "after"), records.stream().map(ConsumerRecord::value).toList());
        assertEquals("pillar", new String(records.get(1).headers().lastHeader("pillar-format").value()));
    }

    @Test
    void payloadsKeepEveryCharacterThroughCopy() throws Exception {
        String topic = newTopic(1);
        String tricky = "{\"a\":\"tab\\there\",\"b\":\"line\\nbreak\"} \t raw tab \n raw newline \r \\ backslash \\N "
                + "quotes \" ' unicode é ✓ 𝄞";
        write(List.of(OutboxEvent.of(topic, "key\twith\ttabs", "t", tricky)));
        assertEquals(1, publisher(10).publishOnce().published());
        ConsumerRecord<String, String> r = readAll(topic, 1).get(0);
        assertEquals(tricky, r.value());
        assertEquals("key\twith\ttabs", r.key());
    }

    @Test
    void anOutboxAServiceCreatedBeforeTheLibraryIsTakenOver() throws Exception {
        SharedPostgres.Database d = SharedPostgres.newDatabase("platform_outbox_upgrade");
        PGSimpleDataSource old = new PGSimpleDataSource();
        old.setURL(d.jdbcUrl());
        old.setUser(d.user());
        old.setPassword(d.password());
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE findings (id int)");
            s.execute(
                    """
                            CREATE TABLE outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, topic varchar(249) NOT NULL,
                            record_key varchar(200) NOT NULL, event_type varchar(100) NOT NULL, payload text NOT NULL,
                            created_at timestamptz NOT NULL DEFAULT now())""");
            s.execute("INSERT INTO outbox (topic, record_key, event_type, payload) VALUES ('t', 'k', 'e', 'kept')");
        }
        OutboxSchema.migrate(old);
        OutboxSchema.migrate(old); // at every start: nothing more to do
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT payload, headers FROM outbox");
            assertTrue(r.next());
            assertEquals("kept", r.getString(1));
            r = s.executeQuery("SELECT character_maximum_length FROM information_schema.columns "
                    + "WHERE table_name = 'outbox' AND column_name = 'record_key'");
            assertTrue(r.next());
            assertEquals(2048, r.getInt(1));
        }
    }

    private static void write(List<OutboxEvent> events) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            OutboxRows.write(c, events);
            c.commit();
        }
    }

    private static int count(String table) {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutboxPublisher publisher(int batch) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer());
        producers.add(producer);
        return new OutboxPublisher(db, producer, batch, Duration.ofSeconds(30));
    }

    private static String newTopic(int partitions) throws Exception {
        String name = "platform.test." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // nothing more than expected arrives (no event published twice)
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        assertEquals(expected, out.size(), "records on " + topic);
        return out;
    }
}
