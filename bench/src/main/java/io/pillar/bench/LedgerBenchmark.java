package io.pillar.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * The audit ledger: audit events produced to {@code pillar.audit} as a service would, timed until the ledger holds
 * them all (appends per second; the same-run ceiling is the minimum for the same work: the same records read back
 * from the topic, SHA-256 chained and written by COPY into a scratch table shaped and indexed like the ledger, a poll
 * at a time); then the ledger topped up to a size and verified, in full and incrementally, through the gateway. Targets: at least 5,000 appends/s, 1,000,000 entries verified in
 * under 30 s. The entries stay in the ledger of the stack it runs against.
 */
public final class LedgerBenchmark {
    private static final Duration LIMIT = Duration.ofMinutes(20);

    public static void main(String[] args) throws Exception {
        int appends = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int verifySize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Map<String, String> env = Bench.platform();
        String jdbc = env.get("PILLAR_POSTGRES_URL") + "identity";
        String password = env.get("PILLAR_POSTGRES_PASSWORD");
        List<String[]> rows = new ArrayList<>();

        System.out.printf("waited %d s for the platform to be idle%n", Quiet.await(0.8, LIMIT).toSeconds());
        long before = count(jdbc, password);
        Map<TopicPartition, Long> start = ends(env);
        long t0 = System.nanoTime();
        produce(env, appends);
        awaitCount(jdbc, password, before + appends);
        double perSecond = appends / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("waited %d s for the platform to be idle%n", Quiet.await(0.8, LIMIT).toSeconds());
        double ceiling = ceiling(env, start, jdbc, password, appends);
        rows.add(Bench.row(String.format("%,d audit events appended (produced, chained, sealed)", appends),
                String.format("%,.0f appends/s", perSecond), ">= 5,000/s", perSecond >= 5_000));
        rows.add(Bench.row("ceiling: the same records read from pillar.audit, hash-chained, written by COPY (same run)",
                String.format("%,.0f rows/s", ceiling)));
        rows.add(Bench.row("ledger / ceiling", String.format("%.2f", perSecond / ceiling)));

        long have = count(jdbc, password);
        if (have < verifySize) {
            System.out.printf("topping the ledger up from %,d to %,d entries%n", have, verifySize);
            produce(env, (int) (verifySize - have));
            awaitCount(jdbc, password, verifySize);
        }
        String auditor = Bench.userToken(env, "auditor");
        String verify = env.get("PILLAR_GATEWAY_URL") + "/api/v1/audit/verify";
        // the checkpoint interval passes, so that the newest entries are signed before the full verification
        Thread.sleep(12_000);
        double full = timedVerify(verify + "?full=true", auditor, rows, "full verification", true);
        double incremental = timedVerify(verify, auditor, rows, "incremental verification, right after", false);
        System.out.printf("(full %.1f s, incremental %.2f s)%n", full, incremental);
        Bench.print(rows);
    }

    private static double timedVerify(String url, String token, List<String[]> rows, String what, boolean target)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode v = Bench.JSON.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("verify answered " + r.statusCode() + ": " + r.body());
        }
        rows.add(Bench.row(String.format("%s of %,d entries (%,d checked, %s)", what, v.path("entries").asLong(),
                v.path("entries_checked").asLong(), v.path("valid").asBoolean() ? "valid" : "INVALID"),
                String.format("%.2f s", seconds), target ? "< 30 s" : "", !target || seconds < 30));
        return seconds;
    }

    private static void produce(Map<String, String> env, int n) throws Exception {
        // as the inventory-service: a service the broker lets write audit events
        Map<String, Object> config = new HashMap<>(KafkaClients.config(env, "inventory-service",
                env.get("PILLAR_INVENTORY_CLIENT_SECRET")));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                String id = run + "-" + i;
                producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), id, event(id, i)));
            }
            producer.flush();
        }
    }

    private static String event(String id, int i) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/pillar/bench\","
                + "\"type\":\"io.pillar.audit.recorded\",\"time\":\"" + Instant.now() + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"actor\":\"bench-" + (i % 50)
                + "\",\"action\":\"PATCH /api/v1/findings/{id}\",\"resource\":\"finding/" + i
                + "\",\"outcome\":\"success\",\"source_ip\":\"10.0.0." + (i % 250)
                + "\",\"before\":{\"status\":\"new\"},\"after\":{\"status\":\"triaged\"}}}";
    }

    private static long count(String jdbc, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM audit_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void awaitCount(String jdbc, String password, long target) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (count(jdbc, password) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger did not reach " + target + " entries within " + LIMIT);
            }
            Thread.sleep(200);
        }
    }

    /** Where each partition of pillar.audit ends now: the benchmark's records start there. */
    private static Map<TopicPartition, Long> ends(Map<String, String> env) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.operator(env))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topic.AUDIT.topicName())).allTopicNames().get().get(Topic.AUDIT.topicName())
                    .partitions().forEach(p -> latest.put(new TopicPartition(Topic.AUDIT.topicName(),
                            p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }

    /**
     * The minimum for the same work: the benchmark's records read back from the topic, each poll hash-chained and
     * written by one COPY into a scratch table shaped and indexed like the ledger, in one transaction per poll.
     */
    private static double ceiling(Map<String, String> env, Map<TopicPartition, Long> start, String jdbc,
            String password, int n) throws Exception {
        Map<String, Object> config = new HashMap<>(KafkaClients.operator(env));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", password);
                Statement s = c.createStatement();
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                        new StringDeserializer())) {
            // shaped and indexed like the ledger (deploy/postgres/seal-audit-ledger.sql), logged like it
            s.execute("DROP TABLE IF EXISTS ledger_ceiling");
            s.execute("CREATE TABLE ledger_ceiling (seq bigserial PRIMARY KEY, event_id text UNIQUE, "
                    + "occurred_at timestamptz, actor text, action text, resource text, details text, "
                    + "prev_hash char(64), hash char(64))");
            for (String column : List.of("actor text_pattern_ops", "action text_pattern_ops",
                    "resource text_pattern_ops", "occurred_at")) {
                s.execute("CREATE INDEX ON ledger_ceiling (" + column + ", seq)");
            }
            c.setAutoCommit(false);
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            HexFormat hex = HexFormat.of();
            String prev = "0".repeat(64);
            int read = 0;
            long t0 = System.nanoTime();
            while (read < n) {
                StringBuilder rows = new StringBuilder();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = Bench.JSON.readTree(r.value());
                    String details = event.get("data").toString();
                    sha.update(prev.getBytes(StandardCharsets.UTF_8));
                    String hash = hex.formatHex(sha.digest(details.getBytes(StandardCharsets.UTF_8)));
                    JsonNode data = event.get("data");
                    rows.append(event.get("id").asText()).append('\t').append(event.get("time").asText())
                            .append('\t').append(copyText(data.get("actor").asText())).append('\t')
                            .append(copyText(data.get("action").asText())).append('\t')
                            .append(copyText(data.get("resource").asText())).append('\t').append(copyText(details))
                            .append('\t').append(prev).append('\t').append(hash).append('\n');
                    prev = hash;
                    read++;
                }
                copy.copyIn("COPY ledger_ceiling (event_id, occurred_at, actor, action, resource, details, "
                        + "prev_hash, hash) FROM STDIN", new StringReader(rows.toString()));
                c.commit();
            }
            double rate = read / ((System.nanoTime() - t0) / 1e9);
            s.execute("DROP TABLE ledger_ceiling");
            c.commit();
            return rate;
        }
    }

    /** A value as COPY's text format reads it. */
    private static String copyText(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private LedgerBenchmark() {
    }
}
