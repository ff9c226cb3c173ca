package io.pillar.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;
import io.pillar.stack.Layout;

/**
 * The inventory benchmark (issue: asset inventory): upsert of N assets (AWS Config items), a revision changing every
 * one of them (each change versioned, diffed and evaluated against every rule, its events on Kafka), and point-in-time
 * lookups with 1,000,000 stored versions; then the same change work through a minimal hand-written pipeline
 * ({@link InventoryCeiling}), the same-run ceiling the change rate is compared with. Runs against ./pillar up if it
 * runs, else starts a platform. Arguments:
 * [assets=100000] [versions=1000000] [lookups=2000].
 */
public final class InventoryBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Map<String, String> env = Bench.platform();
        String account = String.format("%012d", new Random().nextLong(1_000_000_000_000L));
        Path dir = Files.createTempDirectory("pillar-bench");
        System.out.printf("Inventory benchmark, account %s: %d assets, %d versions, %d lookups, %d cores%n", account,
                n, versions, lookups, Runtime.getRuntime().availableProcessors());
        Path first = AssetReportGenerator.configSnapshot(dir, account, n, 1);
        Path second = AssetReportGenerator.configSnapshot(dir, account, n, 2);
        System.out.printf("reports: %.1f MB each%n", Files.size(first) / 1e6);
        String imports = env.get("PILLAR_GATEWAY_URL") + "/api/v1/assets/imports?format=aws-config";
        List<String[]> rows = new ArrayList<>();
        double rate;

        try (TopicCounter events = new TopicCounter(KafkaClients.operator(env),
                Topic.INVENTORY_EVENTS.topicName());
                TopicCounter findings = new TopicCounter(KafkaClients.operator(env),
                        Topic.FINDINGS_RAW.topicName())) {
            System.out.printf("waited %d s for the platform to be idle%n",
                    Quiet.await(0.8, Duration.ofMinutes(5)).toSeconds());
            long t0 = System.nanoTime();
            JsonNode created = Bench.post(imports, first, Bench.token(env));
            double committed = (System.nanoTime() - t0) / 1e9;
            long allOut = events.await(n, Duration.ofMinutes(10));
            double seconds = (allOut - t0) / 1e9;
            rows.add(Bench.row("upsert of " + n + " new assets (committed, asset events on Kafka)",
                    String.format("%.0f assets/s (%.1f s; committed after %.1f s; created %d; %d rule findings)",
                            n / seconds, seconds, committed, created.get("created").asInt(), findings.count())));

            long findingsBefore = findings.count();
            System.out.printf("waited %d s for the platform to digest the first import (rule findings, enrichment)%n",
                    Quiet.await(0.8, Duration.ofMinutes(5)).toSeconds());
            events.reset();
            long c0 = System.nanoTime();
            JsonNode changed = Bench.post(imports, second, Bench.token(env));
            double changeCommitted = (System.nanoTime() - c0) / 1e9;
            long changesOut = events.await(n, Duration.ofMinutes(10));
            double changeSeconds = (changesOut - c0) / 1e9;
            rate = n / changeSeconds;
            rows.add(Bench.row("changes evaluated against all rules, end to end (version + patch + rules + events)",
                    String.format("%.0f changes/s (%.1f s; committed after %.1f s; updated %d)", rate, changeSeconds,
                            changeCommitted, changed.get("updated").asInt())));

            long u0 = System.nanoTime();
            JsonNode same = Bench.post(imports, second, Bench.token(env));
            double sameSeconds = (System.nanoTime() - u0) / 1e9;
            rows.add(Bench.row("identical re-import of " + n, String.format("%.1f s (%.0f assets/s), unchanged %d",
                    sameSeconds, n / sameSeconds, same.get("unchanged").asInt())));
            if (findings.count() < findingsBefore) {
                throw new IllegalStateException("findings count went down");
            }
        }

        try (Connection db = DriverManager.getConnection(env.get("PILLAR_POSTGRES_URL") + "inventory", "inventory",
                env.get("PILLAR_INVENTORY_DB_PASSWORD"))) {
            long stored = fillHistory(db, account, versions);
            List<UUID> ids = new ArrayList<>();
            Instant from;
            Instant to;
            try (PreparedStatement s = db.prepareStatement("SELECT id FROM asset WHERE account = ?")) {
                s.setString(1, account);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add((UUID) r.getObject(1));
                    }
                }
            }
            // instants inside every benchmark asset's history
            try (PreparedStatement s = db.prepareStatement(
                    """
                            SELECT max(first), min(last) FROM (SELECT min(v.valid_from) AS first, max(v.valid_from) AS last
                            FROM asset_version v JOIN asset a ON a.id = v.asset_id WHERE a.account = ? GROUP BY v.asset_id) h""")) {
                s.setString(1, account);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    from = r.getTimestamp(1).toInstant();
                    to = r.getTimestamp(2).toInstant();
                }
            }
            for (String[] via : List.of(new String[]{"gateway", env.get("PILLAR_GATEWAY_URL")},
                    new String[]{"inventory-service directly", env.get("PILLAR_INVENTORY_URL")})) {
                double[] p = lookups(via[1], Bench.token(env), ids, from, to, lookups);
                rows.add(Bench.row("GET /api/v1/assets/{id}?at= p95 via " + via[0] + ", " + stored
                        + " versions stored", String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", p[0], p[1], p[2]),
                        "< 20 ms", p[1] < 20));
            }
        }

        // last: its writes (a copy of the inventory's change work) must not disturb the steps above
        System.out.printf("waited %d s for the platform to be idle before the ceiling%n",
                Quiet.await(0.8, Duration.ofMinutes(5)).toSeconds());
        String topic = "bench.inventory.ceiling." + account;
        Bench.createTopic(KafkaClients.operator(env), topic);
        double ceiling = InventoryCeiling.changesPerSecond(first, second,
                Layout.findRepo(Path.of(System.getProperty("pillar.home", "."))).resolve("inventory-service/rules"),
                env.get("PILLAR_POSTGRES_URL") + "inventory", "inventory", env.get("PILLAR_INVENTORY_DB_PASSWORD"),
                KafkaClients.operator(env), topic);
        Bench.deleteTopic(KafkaClients.operator(env), topic);
        rows.add(2, Bench.row("ceiling: minimal pipeline, the same change work (parse, patch, rules, version, event)",
                String.format("%.0f changes/s", ceiling)));
        rows.add(3, Bench.row("platform changes / ceiling", String.format("%.2f", rate / ceiling), ">= 0.50",
                rate / ceiling >= 0.5));
        Bench.print(rows);
    }

    /**
     * Tops the history up to {@code target} versions: synthetic versions of the benchmark's assets (the same document,
     * one minute apart after the real ones), written straight to the table, as generating them through the API would
     * take the benchmark a quarter of an hour on these two cores.
     */
    private static long fillHistory(Connection db, String account, int target) throws Exception {
        long stored = count(db);
        long assets;
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM asset WHERE account = ?")) {
            s.setString(1, account);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assets = r.getLong(1);
            }
        }
        int extra = (int) Math.max(0, Math.ceil((target - stored) / (double) assets));
        if (extra > 0) {
            long t0 = System.nanoTime();
            db.setAutoCommit(false);
            try (PreparedStatement s = db.prepareStatement("""
                    INSERT INTO asset_version (asset_id, version, valid_from, changed_by, source, document, patch)
                    SELECT v.asset_id, v.version + k, v.valid_from + k * interval '1 minute', 'bench', 'bench',
                           v.document, '[]'
                    FROM asset_version v JOIN asset a ON a.id = v.asset_id AND v.version = a.version,
                         generate_series(1, ?) k
                    WHERE a.account = ?""")) {
                s.setInt(1, extra);
                s.setString(2, account);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement(
                    "UPDATE asset SET version = version + ? WHERE account = ?")) {
                s.setInt(1, extra);
                s.setString(2, account);
                s.executeUpdate();
            }
            db.commit();
            db.setAutoCommit(true);
            try (PreparedStatement s = db.prepareStatement("ANALYZE asset_version")) {
                s.execute();
            }
            System.out.printf("history filled with %d synthetic versions per asset in %.1f s%n", extra,
                    (System.nanoTime() - t0) / 1e9);
        }
        return count(db);
    }

    private static long count(Connection db) throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM asset_version");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Sequential lookups of random assets at random instants of their history, {@value #LOOKUPS_PER_SECOND} a
     * second at most (within the gateway's rate for one user): p50, p95, p99 in ms.
     */
    private static double[] lookups(String base, String token, List<UUID> ids, Instant from, Instant to, int count)
            throws Exception {
        Random random = new Random(42);
        List<Double> ms = new ArrayList<>();
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long start = System.nanoTime();
        for (int i = 0; i < count + 100; i++) {
            long due = start + i * 1_000_000_000L / LOOKUPS_PER_SECOND;
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            UUID id = ids.get(random.nextInt(ids.size()));
            Instant at = from.plusMillis(random.nextLong(span));
            long t0 = System.nanoTime();
            HttpResponse<String> r = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/assets/" + id
                    + "?at=" + at)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            double took = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("lookup answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= 100) {
                ms.add(took);
            }
        }
        Collections.sort(ms);
        return new double[]{ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.95)), ms.get((int) (ms.size() * 0.99))};
    }

    private static final int LOOKUPS_PER_SECOND = 150;

    private InventoryBenchmark() {
    }
}
