package io.pillar.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * The findings import benchmark (issue: findings aggregation). Runs against the platform of ./pillar up if it runs,
 * else starts one with the same code; prints one table. Arguments: [findings=100000] [latency-findings=10000].
 */
public final class FindingsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 50_000;
    private static final int WARM_UP_RECORDS = 15_000;
    private static final int WARM_UP_ROUNDS = 4;
    /** The platform's JIT compilers are settled below this share of one core while findings come in. */
    private static final double JIT_SETTLED = 0.10;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int latencyN = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Map<String, String> env = Bench.platform();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("pillar-bench");
        List<String[]> rows = new ArrayList<>();
        System.out.printf("Findings benchmark, run %s: %d findings, %d for latency, %d cores%n", run, n, latencyN,
                Runtime.getRuntime().availableProcessors());

        Path big = ReportGenerator.asff(dir, run, n);
        Path small = ReportGenerator.asff(dir, run + "s", 10_000);
        String token = Bench.token(env);
        // the benchmark watches and sizes as the broker's operator; its findings come in as an integration's
        Map<String, Object> operator = KafkaClients.operator(env);
        Map<String, Object> integration = KafkaClients.integration(env);
        String imports = env.get("PILLAR_GATEWAY_URL") + "/api/v1/findings/imports";

        try (EventWatcher watcher = new EventWatcher(operator, Topic.FINDINGS_EVENTS.topicName())) {
            String scope = "bench-" + run;
            warmUp(dir, run, imports + "?scope=" + scope + "-warm-up-", env, watcher);
            token = Bench.token(env);
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
            Latency latency = latency(integration, watcher, run, latencyN);
            rows.add(Bench.row("ingest-to-subscriber latency at 1,000 findings/s (raw topic -> events topic)",
                    String.format("p50 %.1f ms, p99 %.1f ms, max %.0f ms (%d of %d arrived)", latency.p50(),
                            latency.p99(), latency.max(), latency.arrived(), latencyN),
                    "p99 < 100 ms", latency.p99() < 100));
            rows.add(Bench.row("  where the slowest 1% spent it (means)", String.format(
                    "%.0f ms read and built, %.0f ms committed and relayed, %.0f ms broker to subscriber",
                    latency.toBuilt(), latency.toRelayed(), latency.toDelivered())));

            String ceilingTopic = "pillar.bench.ceiling-" + run;
            Bench.createTopic(operator, ceilingTopic);
            String jdbc = env.get("PILLAR_POSTGRES_URL") + "findings";
            String password = env.get("PILLAR_FINDINGS_DB_PASSWORD");
            double[] ceilings = new double[2];
            for (int variant = 0; variant < 2; variant++) {
                boolean sameContent = variant == 1;
                String ceilingScope = "ceiling-" + run + "-" + variant;
                idle();
                ceilings[variant] = CeilingPipeline.findingsPerSecond(big, jdbc, "findings", password, operator,
                        ceilingTopic, ceilingScope, sameContent);
                CeilingPipeline.cleanUp(jdbc, "findings", password, ceilingScope);
            }
            Bench.deleteTopic(operator, ceilingTopic);
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

    /**
     * As any benchmark of a JVM, the services' code is compiled by the JIT before it is timed: rounds of an import and
     * raw records until the platform's compilers are nearly idle under that load (a freshly started stack takes a few
     * rounds; its compilers would otherwise take a share of the two cores in the timed steps).
     */
    private static void warmUp(Path dir, String run, String importsToScope, Map<String, String> env,
            EventWatcher watcher) throws Exception {
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            Path report = ReportGenerator.asff(dir, run + "w" + round, WARM_UP);
            Bench.post(importsToScope + round, report, Bench.token(env));
            Files.delete(report);
            long jit0 = PlatformJit.compilerMillis();
            long t0 = System.nanoTime();
            latency(KafkaClients.integration(env), watcher, run + "w" + round, WARM_UP_RECORDS);
            double jitShare = (PlatformJit.compilerMillis() - jit0) / ((System.nanoTime() - t0) / 1e6);
            System.out.printf("  (warm-up round %d: %,d findings imported, %,d raw records; JIT compilers at %.0f%% "
                    + "of a core)%n", round, WARM_UP, WARM_UP_RECORDS, 100 * jitShare);
            if (jitShare < JIT_SETTLED) {
                return;
            }
        }
    }

    /** Each step starts once the platform is idle: it measures its own work, not the previous step's tail. */
    private static void idle() throws Exception {
        System.out.printf("  (waited %d s for the platform to be idle)%n",
                Quiet.await(0.8, Duration.ofMinutes(5)).toSeconds());
    }

    /** What the latency step measured: ms; stages are means over the slowest 1% (see {@link EventWatcher#stages}). */
    record Latency(double p50, double p99, double max, int arrived, double toBuilt, double toRelayed,
            double toDelivered) {
    }

    /** Produces one finding per record to pillar.findings.raw at 1,000/s and follows each to the events topic. */
    private static Latency latency(Map<String, Object> integration, EventWatcher watcher, String run, int count)
            throws Exception {
        // rendered before the clock starts: the benchmark's own work competes with the platform for two cores
        List<ProducerRecord<String, String>> probes = new ArrayList<>(count);
        String now = Instant.now().toString();
        for (int i = 0; i < count; i++) {
            String uid = "lat-" + run + "-" + i;
            probes.add(new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(), uid, ("{\"specversion\":\"1.0\",\"id\":"
                    + "\"%s\",\"source\":\"/bench\",\"type\":\"io.pillar.finding.reported\",\"time\":\"%s\",\"data\":"
                    + "{\"uid\":\"%s\",\"title\":\"Latency probe %d\",\"severity\":\"low\",\"product\":\"bench\","
                    + "\"rule\":\"latency\",\"resources\":[{\"uid\":\"bench:%s:%d\"}]}}").formatted(uid, now, uid, i,
                            run, i)));
        }
        long[] sentNanos = new long[count];
        long[] sentMillis = new long[count];
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Bench.kafka(integration,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            List<Future<?>> acks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long due = start + i * 1_000_000L;
                // parked, not spinning: a spinning producer would take one of the two cores from the platform
                for (long wait; (wait = due - System.nanoTime()) > 0;) {
                    LockSupport.parkNanos(wait);
                }
                sentNanos[i] = System.nanoTime();
                sentMillis[i] = System.currentTimeMillis();
                acks.add(producer.send(probes.get(i)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        double[] latency = new double[count];
        int arrived = 0;
        while (System.nanoTime() < deadline && arrived < count) {
            Thread.sleep(200);
            arrived = 0;
            for (int i = 0; i < count; i++) {
                Long at = watcher.arrival(probes.get(i).key());
                latency[i] = at == null ? Double.POSITIVE_INFINITY : (at - sentNanos[i]) / 1e6; // never: slowest
                arrived += at == null ? 0 : 1;
            }
        }
        if (arrived == 0) {
            return new Latency(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> latency[i]));
        int slowest = Math.max(1, count / 100);
        double[] stages = new double[3];
        int staged = 0;
        for (int k = count - slowest; k < count; k++) {
            long[] st = watcher.stages(probes.get(order[k]).key());
            if (st != null) {
                stages[0] += st[0] - sentMillis[order[k]];
                stages[1] += st[1] - st[0];
                stages[2] += st[2] - st[1];
                staged++;
            }
        }
        int n = Math.max(1, staged);
        return new Latency(percentile(latency, order, 0.50), percentile(latency, order, 0.99),
                latency[order[arrived - 1]], arrived, stages[0] / n, stages[1] / n, stages[2] / n);
    }

    /** The p-quantile of all probes, in the given ascending order. */
    private static double percentile(double[] values, Integer[] order, double p) {
        return values[order[Math.min(values.length - 1, (int) Math.ceil(p * values.length) - 1)]];
    }

    private static void check(JsonNode job, String field, int expected) {
        if (job.get(field).asInt() != expected) {
            throw new IllegalStateException("expected " + field + " " + expected + ": " + job);
        }
    }

    private FindingsBenchmark() {
    }
}
