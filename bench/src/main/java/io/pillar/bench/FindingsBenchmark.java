package io.pillar.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;

/**
 * The findings import benchmark (issue: findings aggregation). Runs against the platform of ./pillar up if it runs,
 * else starts one with the same code; prints one table. Arguments: [findings=100000] [latency-findings=10000].
 */
public final class FindingsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 50_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int latencyN = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> env = Bench.platform();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("pillar-bench");
        List<String[]> rows = new ArrayList<>();
        System.out.printf("Findings benchmark, run %s: %d findings, %d for latency, %d cores%n", run, n, latencyN,
                Runtime.getRuntime().availableProcessors());

        Path big = ReportGenerator.asff(dir, run, n);
        Path small = ReportGenerator.asff(dir, run + "s", 10_000);
        String token = Bench.token(env);
        String bootstrap = env.get("PILLAR_KAFKA_BOOTSTRAP");
        String imports = env.get("PILLAR_GATEWAY_URL") + "/api/v1/findings/imports";

        try (EventWatcher watcher = new EventWatcher(bootstrap, Topic.FINDINGS_EVENTS.topicName())) {
            String scope = "bench-" + run;
            // as any benchmark of a JVM: the services' code is compiled by the JIT before it is timed
            Path warmUp = ReportGenerator.asff(dir, run + "w", WARM_UP);
            Bench.post(imports + "?scope=" + scope + "-warm-up", warmUp, token);
            latency(bootstrap, watcher, run + "w", 5_000);
            System.out.printf("  (warmed up: %,d findings imported, 5,000 raw records)%n", WARM_UP);
            idle();
            long t0 = System.nanoTime();
            JsonNode job = Bench.post(imports + "?scope=" + scope, big, token);
            long committed = System.nanoTime();
            long published = watcher.awaitEvents(scope, n, Duration.ofMinutes(10));
            double importSeconds = (committed - t0) / 1e9;
            double e2eSeconds = ((published < 0 ? System.nanoTime() : published) - t0) / 1e9;
            double e2eRate = n / e2eSeconds;
            rows.add(Bench.row("import " + n + " findings, end to end (persisted, events on Kafka)",
                    String.format("%.0f findings/s (%.1f s; committed after %.1f s)", e2eRate, e2eSeconds,
                            importSeconds),
                    ">= 5,000/s", e2eRate >= 5000));
            check(job, "created", n);

            token = Bench.token(env);
            idle();
            long r0 = System.nanoTime();
            JsonNode again = Bench.post(imports + "?scope=" + scope, big, token);
            double reSeconds = (System.nanoTime() - r0) / 1e9;
            rows.add(Bench.row("identical re-import of " + n, String.format("%.1f s, %.0f findings/s, created %d",
                    reSeconds, n / reSeconds, again.get("created").asInt()), "creates nothing",
                    again.get("created").asInt() == 0));

            Bench.post(imports + "?scope=" + scope + "-small", small, token);
            long s0 = System.nanoTime();
            JsonNode smallAgain = Bench.post(imports + "?scope=" + scope + "-small", small, token);
            double smallSeconds = (System.nanoTime() - s0) / 1e9;
            rows.add(Bench.row("identical re-import of 10,000", String.format("%.2f s, created %d", smallSeconds,
                    smallAgain.get("created").asInt()), "< 2 s, creates nothing",
                    smallSeconds < 2 && smallAgain.get("created").asInt() == 0));

            idle();
            double[] latency = latency(bootstrap, watcher, run, latencyN);
            rows.add(Bench.row("ingest-to-subscriber latency at 1,000 findings/s (raw topic -> events topic)",
                    String.format("p50 %.1f ms, p99 %.1f ms, max %.0f ms (%d of %d arrived)", latency[0],
                            latency[1], latency[3], (int) latency[2], latencyN),
                    "p99 < 100 ms", latency[1] < 100));

            String ceilingTopic = "pillar.bench.ceiling-" + run;
            createTopic(bootstrap, ceilingTopic);
            String jdbc = env.get("PILLAR_POSTGRES_URL") + "findings";
            String password = env.get("PILLAR_FINDINGS_DB_PASSWORD");
            double[] ceilings = new double[2];
            for (int variant = 0; variant < 2; variant++) {
                boolean sameContent = variant == 1;
                String ceilingScope = "ceiling-" + run + "-" + variant;
                idle();
                ceilings[variant] = CeilingPipeline.findingsPerSecond(big, jdbc, "findings", password, bootstrap,
                        ceilingTopic, ceilingScope, sameContent);
                CeilingPipeline.cleanUp(jdbc, "findings", password, ceilingScope);
            }
            deleteTopic(bootstrap, ceilingTopic);
            rows.add(Bench.row("ceiling: minimal pipeline, ids, title and raw record stored, id published",
                    String.format("%.0f findings/s", ceilings[0]), "about 10,000/s here", true));
            rows.add(Bench.row("ceiling: minimal pipeline, the report's content stored and published",
                    String.format("%.0f findings/s", ceilings[1]), "about 10,000/s here", true));
            rows.add(Bench.row("platform end to end / ceiling (same content)",
                    String.format("%.2f (%.2f of the ids-only one)", e2eRate / ceilings[1], e2eRate / ceilings[0]),
                    ">= 0.50", e2eRate / ceilings[1] >= 0.5));
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        Bench.print(rows);
        System.exit(0);
    }

    /** Each step starts once the platform is idle: it measures its own work, not the previous step's tail. */
    private static void idle() throws Exception {
        System.out.printf("  (waited %d s for the platform to be idle)%n",
                Quiet.await(0.8, Duration.ofMinutes(5)).toSeconds());
    }

    /** Produces one finding per record to pillar.findings.raw at 1,000/s; returns p50, p99 (ms), arrivals and max (ms). */
    private static double[] latency(String bootstrap, EventWatcher watcher, String run, int count) throws Exception {
        Map<String, Long> sent = new java.util.HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long due = start + i * 1_000_000L;
                // parked, not spinning: a spinning producer would take one of the two cores from the platform
                for (long wait; (wait = due - System.nanoTime()) > 0;) {
                    LockSupport.parkNanos(wait);
                }
                String uid = "lat-" + run + "-" + i;
                String value = ("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/bench\",\"type\":"
                        + "\"io.pillar.finding.reported\",\"time\":\"%s\",\"data\":{\"uid\":\"%s\",\"title\":\"Latency "
                        + "probe %d\",\"severity\":\"low\",\"product\":\"bench\",\"rule\":\"latency\","
                        + "\"resources\":[{\"uid\":\"bench:%s:%d\"}]}}").formatted(uid, Instant.now(), uid, i, run, i);
                sent.put(uid, System.nanoTime());
                acks.add(producer.send(new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), uid, value)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<Double> latencies = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            latencies.clear();
            for (var e : sent.entrySet()) {
                Long arrived = watcher.arrival(e.getKey());
                if (arrived != null) {
                    latencies.add((arrived - e.getValue()) / 1e6);
                }
            }
            if (latencies.size() == count) {
                break;
            }
            Thread.sleep(200);
        }
        Collections.sort(latencies);
        if (latencies.isEmpty()) {
            return new double[]{Double.NaN, Double.NaN, 0, Double.NaN};
        }
        return new double[]{percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.size(),
                latencies.get(latencies.size() - 1)};
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void check(JsonNode job, String field, int expected) {
        if (job.get(field).asInt() != expected) {
            throw new IllegalStateException("expected " + field + " " + expected + ": " + job);
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
    }

    private static void deleteTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(Set.of(topic)).all().get();
        }
    }

    private FindingsBenchmark() {
    }
}
