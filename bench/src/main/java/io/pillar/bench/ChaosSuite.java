package io.pillar.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.stack.EnvFile;
import io.pillar.stack.Layout;

/**
 * {@code ./pillar chaos}: faults injected into the running stack of {@code ./pillar up} while it works, each scenario
 * several times with the fault at a random moment, and one table of what survived. Arguments: {@code [--runs N]
 * [--findings N] [--records N] [--assets N] [scenario names...]} (defaults: 5 runs, every scenario).
 */
public final class ChaosSuite {
    static final Duration BACK_WITHIN = Duration.ofMinutes(3);
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);
    static final double DRAIN_TARGET_SECONDS = 60;

    private final Map<String, String> env;
    private final Faults faults;
    private final Random random = new Random();
    private final Path dir;
    final Settings settings;

    /** The workloads' sizes and how many runs a scenario has. */
    record Settings(int runs, int findings, int records, int findingsPerRecord, int assets, int poisonRecords) {
    }

    private ChaosSuite(Map<String, String> env, Layout layout, Settings settings) throws java.io.IOException {
        this.env = env;
        this.faults = new Faults(layout, env);
        this.settings = settings;
        this.dir = Files.createTempDirectory("pillar-chaos");
    }

    public static void main(String[] args) throws Exception {
        // the clients report every refused connection while a broker restarts, which is the point here
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        int runs = 5;
        int findings = 100_000;
        int records = 2_000;
        int assets = 20_000;
        // long enough (about a minute each on 2 cores) that the ratio is not the noise of a 2-second stream
        int poisonRecords = 20_000;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--findings" -> findings = Integer.parseInt(args[++i]);
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--assets" -> assets = Integer.parseInt(args[++i]);
                case "--poison-records" -> poisonRecords = Integer.parseInt(args[++i]);
                default -> only.add(args[i]);
            }
        }
        Layout layout = Layout.of(Layout.findRepo(Path.of(System.getProperty("pillar.home", "."))));
        Map<String, String> env = EnvFile.read(layout.envFile());
        if (env.isEmpty() || !new Faults(layout, env).allReady()) {
            System.err.println("The chaos suite works on the running platform: start it with ./pillar up --detach "
                    + "(its supervisor starts killed processes again), wait until ./pillar status shows every "
                    + "component UP, then run ./pillar chaos again.");
            System.exit(2);
        }
        ChaosSuite suite = new ChaosSuite(env, layout,
                new Settings(runs, findings, records, 10, assets, poisonRecords));
        List<Scenario> scenarios = suite.scenarios().stream()
                .filter(s -> only.isEmpty() || only.contains(s.name())).toList();
        System.out.printf("Chaos suite, %s: %d scenario(s), %d run(s) each, %d cores; the fault lands at a random "
                + "moment of each run%n", LocalDate.now(), scenarios.size(), runs,
                Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            System.out.println("\n" + scenario.name() + ": " + scenario.description());
            Result total = Result.empty(scenario);
            for (int run = 1; run <= runs; run++) {
                suite.awaitAllReady();
                Result r = scenario.run(suite, run);
                System.out.println("  run " + run + ": " + r.summary());
                total = total.plus(r);
            }
            results.add(total);
        }
        Result.print(results);
        suite.awaitAllReady();
        System.exit(results.stream().allMatch(Result::met) ? 0 : 1);
    }

    List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (String component : List.of("findings-service", "kafka", "postgres")) {
            all.add(new Scenario("kill-" + component + "-rest", component + " killed (SIGKILL) during a "
                    + settings.findings() + "-finding REST import, started again",
                    (suite, run) -> suite.restImport(component, run)));
            all.add(new Scenario("kill-" + component + "-raw", component + " killed (SIGKILL) during a stream of "
                    + settings.records() + " records (" + settings.findingsPerRecord()
                    + " findings each) on pillar.findings.raw, started again",
                    (suite, run) -> suite.rawStream(component, run)));
        }
        all.add(new Scenario("poison", "1% of " + settings.poisonRecords() + " records on pillar.findings.raw "
                + "malformed (truncated JSON, a wrong format, JSON of no known format, one bad finding among good "
                + "ones), against a clean stream of as many", (suite, run) -> suite.poison(run)));
        all.add(new Scenario("replay", settings.records() + " records on pillar.findings.raw, 10% of them sent "
                + "twice, then all read back from the start by a new consumer group and sent again: compared row by "
                + "row with the same stream sent once", (suite, run) -> suite.replay(run)));
        all.add(new Scenario("kill-inventory-service-config", "inventory-service killed (SIGKILL) during an AWS "
                + "Config import of " + settings.assets() + " items, started again",
                (suite, run) -> suite.configImport(run)));
        return all;
    }

    /** A REST import cut by the fault; the client finds its job, and imports the report again if it did not end. */
    Result restImport(String component, int run) throws Exception {
        String scope = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        Path report = ReportGenerator.asff(dir, scope, settings.findings());
        FindingsLedger ledger = new FindingsLedger(env, "findings");
        List<String> notes = new ArrayList<>();
        try (EventLog events = new EventLog(io.pillar.stack.KafkaClients.operator(env), "pillar.findings.events",
                e -> e.path("data").path("unmapped").path("pillar").path("scope").asText(null))) {
            String url = env.get("PILLAR_GATEWAY_URL") + "/api/v1/findings/imports?scope=" + scope;
            CompletableFuture<Answer> first = post(url, report);
            Thread.sleep(randomMillis(2_000, 12_000));
            long killed = faults.kill(component);
            long back = faults.awaitBack(component, killed, BACK_WITHIN);
            Answer answer = first.join();
            if (answer.statusCode() != 201) {
                notes.add("answered " + answer.statusCode() + problemTitle(answer));
                JsonNode job = awaitJobEnded(scope);
                notes.add(job == null
                        ? "job STUCK running"
                        : "job " + job.path("status").asText() + " with "
                                + job.path("received").asInt() + " committed");
                Answer again = postUntilAccepted(url, report);
                notes.add("imported again: " + again.statusCode());
            } else {
                notes.add("answered 201");
            }
            Files.deleteIfExists(report);
            return settle(component, back, settings.findings(), () -> ledger.findings("scope", scope), events,
                    scope, "io.pillar.finding.created", notes);
        }
    }

    /** Raw records produced on while the fault happens; the platform must end with every finding once. */
    Result rawStream(String component, int run) throws Exception {
        String product = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        FindingsLedger ledger = new FindingsLedger(env, "findings");
        try (EventLog events = new EventLog(io.pillar.stack.KafkaClients.operator(env), "pillar.findings.events",
                e -> e.path("data").path("unmapped").path("pillar").path("product").asText(null));
                RawProducer producer = new RawProducer(io.pillar.stack.KafkaClients.integration(env))) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(
                    () -> producer.stream(product, settings.records(), settings.findingsPerRecord(),
                            Duration.ofSeconds(10)));
            Thread.sleep(randomMillis(1_000, 8_000));
            long killed = faults.kill(component);
            long back = faults.awaitBack(component, killed, BACK_WITHIN);
            stream.join();
            return settle(component, back, settings.records() * settings.findingsPerRecord(),
                    () -> ledger.findings("product", product), events, product, "io.pillar.finding.created",
                    new ArrayList<>());
        }
    }

    /**
     * A clean stream, then one with every 100th record bad (the four kinds in turn), each sent as fast as the
     * producer goes: every bad record on the dead-letter topic with its reason and origin, every good finding
     * imported, and the poisoned stream's throughput at least 90% of the clean one's.
     */
    Result poison(int run) throws Exception {
        int records = settings.poisonRecords();
        int per = settings.findingsPerRecord();
        FindingsLedger ledger = new FindingsLedger(env, "findings");
        Map<String, Object> operator = io.pillar.stack.KafkaClients.operator(env);
        String clean = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        String product = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> bad = new java.util.TreeMap<>();
        int expected = 0;
        for (int i = 0; i < records; i++) {
            String kind = i % 100 == 50 ? POISON_KINDS.get(i / 100 % POISON_KINDS.size()) : null;
            if (kind != null) {
                bad.put(product + "-" + i, kind);
            }
            expected += kind == null ? per : kind.equals("one bad finding") ? per - 1 : 0;
        }
        try (EventLog events = new EventLog(operator, "pillar.findings.events",
                e -> e.path("data").path("unmapped").path("pillar").path("product").asText(null));
                DeadLetterLog dlq = new DeadLetterLog(operator, "pillar.findings.raw.dlq");
                RawProducer producer = new RawProducer(io.pillar.stack.KafkaClients.integration(env))) {
            if (run == 1) {
                // the consumer's code warm (a restart earlier in the suite left it cold), not measured
                String warm = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
                producer.stream(warm, 2_000, per, Duration.ZERO);
                awaitCount(ledger, warm, 2_000 * per);
            }
            // the clean stream under the same conditions: the suite's own readers of events and dead letters take
            // their share of the machine during both; which goes first alternates from run to run
            double cleanRate = 0;
            if (run % 2 == 1) {
                cleanRate = clean(producer, ledger, clean, records, per);
            }
            long t0 = System.nanoTime();
            producer.stream(product, records, per, Duration.ZERO,
                    i -> poisoned(bad.get(product + "-" + i), product, i, per));
            long stored = awaitCount(ledger, product, expected);
            double rate = expected / ((stored - t0) / 1e9);
            // no fault to recover from: the drain is from the last finding stored to the last event published
            Result result = settle("the stream", stored, expected, () -> ledger.findings("product", product), events,
                    product, "io.pillar.finding.created", new ArrayList<>());
            if (run % 2 == 0) {
                cleanRate = clean(producer, ledger, clean, records, per);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!dlq.letters().keySet().containsAll(bad.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Map<String, DeadLetterLog.Letter> letters = dlq.letters();
            long lettered = bad.keySet().stream().filter(k -> letters.containsKey(k) && letters.get(k).complete())
                    .count();
            result.notes().add(String.format("dead letters with reason and origin: %d of %d", lettered, bad.size()));
            result.notes().add(String.format("throughput %.0f findings/s, clean %.0f/s: %.2f", rate, cleanRate,
                    rate / cleanRate));
            if (lettered < bad.size()) {
                bad.keySet().stream().filter(k -> !letters.containsKey(k)).limit(3).forEach(k -> result.unmet().add(
                        "no dead letter for a record with " + bad.get(k)));
            }
            if (letters.keySet().stream().anyMatch(k -> k.startsWith(product) && !bad.containsKey(k))) {
                result.unmet().add("a good record was dead-lettered");
            }
            if (rate < 0.9 * cleanRate) {
                result.unmet().add(String.format("throughput %.2f of the clean run's", rate / cleanRate));
            }
            return result;
        }
    }

    /** A stream without a bad record: findings per second from the first send to the last finding stored. */
    private double clean(RawProducer producer, FindingsLedger ledger, String product, int records, int per)
            throws Exception {
        long t0 = System.nanoTime();
        producer.stream(product, records, per, Duration.ZERO);
        return records * per / ((awaitCount(ledger, product, records * per) - t0) / 1e9);
    }

    /**
     * The same stream twice: once as it is (the baseline), once with every 10th record sent twice and then every
     * record read back from the topic by a new consumer group and sent again. The findings of both must be the same,
     * row by row (occurrences and status included), with one created event each.
     */
    Result replay(int run) throws Exception {
        int records = settings.records();
        int per = settings.findingsPerRecord();
        FindingsLedger ledger = new FindingsLedger(env, "findings");
        Map<String, Object> operator = io.pillar.stack.KafkaClients.operator(env);
        String base = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        try (RawProducer producer = new RawProducer(io.pillar.stack.KafkaClients.integration(env))) {
            producer.stream(base, records, per, Duration.ofSeconds(5));
            awaitCount(ledger, base, records * per);
        }
        String product = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventLog events = new EventLog(operator, "pillar.findings.events",
                e -> e.path("data").path("unmapped").path("pillar").path("product").asText(null));
                TopicReplay replay = new TopicReplay(operator, "pillar.findings.raw");
                RawProducer producer = new RawProducer(io.pillar.stack.KafkaClients.integration(env))) {
            producer.stream(product, records, per, Duration.ofSeconds(5), i -> null, i -> i % 10 == 0);
            int replayed = replay.sendAgain(r -> r.key() != null && r.key().startsWith(product + "-"),
                    producer::send);
            producer.flush();
            long sent = System.nanoTime();
            Result result = settle("the replay", sent, records * per, () -> ledger.findings("product", product),
                    events, product, "io.pillar.finding.created", new ArrayList<>());
            // a last moment for anything the replay would still change
            Thread.sleep(3_000);
            Map<String, String> once = rowsOf(ledger, base);
            Map<String, String> again = rowsOf(ledger, product);
            long differ = once.keySet().stream().filter(k -> !again.getOrDefault(k, "").equals(once.get(k)
                    .replace(base, product))).count() + again.keySet().stream().filter(k -> !once.containsKey(k))
                            .count();
            result.notes().add(String.format("sent %d + %d twice, replayed %d: %s", records, records / 10, replayed,
                    differ == 0 ? "identical row by row" : differ + " rows differ"));
            if (differ > 0) {
                result.unmet().add(differ + " rows differ from the stream sent once");
            }
            return result;
        }
    }

    /** The findings of a product, by title: what an analyst sees of each (ids and times aside). */
    private static Map<String, String> rowsOf(FindingsLedger ledger, String product) throws Exception {
        return ledger.rows("select title, concat_ws('|', severity_id, status, rule_uid, team, occurrences, "
                + "resources::text, status_reason) from finding where product = ?", product);
    }

    static final List<String> POISON_KINDS = List.of("truncated JSON", "a wrong format", "no known format",
            "one bad finding");

    /** The i-th record spoiled as {@code kind} says: its value and its format header (null: none). */
    private static String[] poisoned(String kind, String product, int i, int per) {
        if (kind == null) {
            return null;
        }
        String good = RawProducer.record(product, i, per);
        return switch (kind) {
            case "truncated JSON" -> new String[]{good.substring(0, good.length() / 2), "pillar"};
            case "a wrong format" -> new String[]{good, "trivy"};
            case "no known format" -> new String[]{"{\"what\": " + i + ", \"product\": \"" + product + "\"}", null};
            default -> new String[]{good.replaceFirst(",\\s*\"resources\": \\[\\{\"uid\": \"[^\"]*\"\\}\\]", ""),
                    "pillar"};
        };
    }

    /** When the findings of a product reached the count (nanoTime); waits up to the drain limit. */
    private static long awaitCount(FindingsLedger ledger, String product, int count) throws Exception {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (ledger.count("product", product) >= count) {
                    return System.nanoTime();
                }
            } catch (java.sql.SQLException e) {
                // counted again
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the findings of " + product + " did not reach " + count);
    }

    /** An AWS Config import cut by killing the inventory-service; imported again once it is back. */
    Result configImport(int run) throws Exception {
        String account = String.format("%012d", Math.abs(random.nextLong() % 1_000_000_000_000L));
        Path report = AssetReportGenerator.configSnapshot(dir, account, settings.assets(), 1);
        FindingsLedger ledger = new FindingsLedger(env, "inventory");
        List<String> notes = new ArrayList<>();
        Map<String, Object> operator = io.pillar.stack.KafkaClients.operator(env);
        try (EventLog events = new EventLog(operator, "pillar.inventory.events", ChaosSuite::accountOf);
                EventLog ruleFindings = new EventLog(operator, "pillar.findings.raw",
                        e -> e.path("data").path("resolved").asBoolean(true)
                                ? null
                                : e.path("data").path("resources").path(0).path("account").asText(null),
                        e -> e.path("data").path("uid").asText(null))) {
            String url = env.get("PILLAR_GATEWAY_URL") + "/api/v1/assets/imports?format=aws-config&scope=aws:"
                    + account;
            CompletableFuture<Answer> first = post(url, report);
            Thread.sleep(randomMillis(500, 4_000));
            long killed = faults.kill("inventory-service");
            long back = faults.awaitBack("inventory-service", killed, BACK_WITHIN);
            Answer answer = first.join();
            if (answer.statusCode() != 200) {
                notes.add("answered " + answer.statusCode() + problemTitle(answer));
                Answer again = postUntilAccepted(url, report);
                notes.add("imported again: " + again.statusCode());
            } else {
                notes.add("answered 200");
            }
            Files.deleteIfExists(report);
            Result result = settle("inventory-service", back, settings.assets(),
                    () -> ledger.rows("select id::text, natural_id from asset where account = ?", account), events,
                    account, "io.pillar.asset.created", notes);
            Map<String, String> versions = ledger.rows("select a.id::text, count(v.version)::text from asset a "
                    + "join asset_version v on v.asset_id = a.id where a.account = ? group by a.id", account);
            long extra = versions.values().stream().mapToLong(v -> Long.parseLong(v) - 1).sum();
            if (extra > 0) {
                result.notes().add(extra + " extra versions");
            }
            // each rule an asset violates: one finding reported on pillar.findings.raw
            EventLog.Tally rules = null;
            Set<String> violations = Set.of();
            long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                violations = ledger.rows("select 'pillar-inventory:' || v.rule_id || ':' || a.natural_id, '' from "
                        + "rule_violation v join asset a on a.id = v.asset_id where a.account = ?", account).keySet();
                rules = ruleFindings.tally(account, "io.pillar.finding.reported", violations);
                if (rules.missing() == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            result.notes().add("rule findings " + rules.published() + " of " + violations.size());
            return result.withDuplicated(result.duplicated() + (int) extra + rules.duplicated())
                    .withEvents(violations.size(), rules);
        }
    }

    /** The account an asset event is about, from its patch (other assets are created meanwhile: by findings). */
    private static String accountOf(JsonNode event) {
        for (JsonNode op : event.path("data").path("patch")) {
            if (op.path("path").asText().equals("/account")) {
                return op.path("value").asText(null);
            }
            if (op.path("path").asText().isEmpty()) {
                return op.path("value").path("account").asText(null);
            }
        }
        return null;
    }

    /** Waits for the final state (every row, every event) and compares it with what was expected. */
    private Result settle(String component, long back, int expected, Rows rows, EventLog events, String marker,
            String createdType, List<String> notes) throws Exception {
        long deadline = back + DRAIN_LIMIT.toNanos();
        Map<String, String> present = Map.of();
        EventLog.Tally tally = null;
        long settled = -1;
        while (System.nanoTime() < deadline) {
            try {
                present = rows.read();
            } catch (java.sql.SQLException e) {
                Thread.sleep(500);
                continue;
            }
            tally = events.tally(marker, createdType, present.keySet());
            if (present.size() >= expected && tally.missing() == 0) {
                settled = System.nanoTime();
                break;
            }
            Thread.sleep(500);
        }
        // a last look, a second later: anything still arriving is a duplicate or a phantom
        Thread.sleep(1_000);
        present = rows.read();
        tally = events.tally(marker, createdType, present.keySet());
        int distinct = (int) present.values().stream().distinct().count();
        double drain = settled < 0 ? Double.NaN : Math.max(0, (settled - back) / 1e9);
        return new Result(null, 1, expected, present.size(), Math.max(0, expected - distinct),
                present.size() - distinct + Math.max(0, distinct - expected) + tally.duplicated(),
                present.size(), tally.published(), tally.phantom(), tally.missing(), tally.redelivered(), drain,
                notes, new ArrayList<>());
    }

    @FunctionalInterface
    interface Rows {
        Map<String, String> read() throws java.sql.SQLException;
    }

    private CompletableFuture<Answer> post(String url, Path report) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(report)).build();
        return Bench.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body()))
                .exceptionally(e -> new Answer(0, "no answer: " + e.getMessage()));
    }

    /** A client's retry: the same report again, while the platform answers 5xx (restarting), up to 3 minutes. */
    private Answer postUntilAccepted(String url, Path report) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Answer answer;
        do {
            answer = post(url, report).join();
            if (answer.statusCode() / 100 == 2) {
                return answer;
            }
            Thread.sleep(2_000);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the report was not accepted again: " + answer.statusCode() + " "
                + answer.body());
    }

    /** The import job of a scope once it is no longer running (null: still running after 2 minutes). */
    private JsonNode awaitJobEnded(String scope) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode items = Bench.call("GET", env.get("PILLAR_GATEWAY_URL") + "/api/v1/findings/imports?scope="
                        + scope, token(), null).path("items");
                if (items.size() == 0) {
                    return Bench.JSON.createObjectNode().put("status", "none (cut before it started)");
                }
                if (!items.get(0).path("status").asText().equals("running")) {
                    return items.get(0);
                }
            } catch (IllegalStateException e) {
                // the service is still coming back
            }
            Thread.sleep(1_000);
        }
        return null;
    }

    /** An integration token; Keycloak keeps its data in PostgreSQL too, so while that restarts, it is waited for. */
    private String token() throws Exception {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        while (true) {
            try {
                return Bench.token(env);
            } catch (RuntimeException | java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Keycloak gave no token within " + BACK_WITHIN, e);
                }
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * Every component ready, and the outboxes drained as the services' own metrics tell
     * ({@code pillar_outbox_backlog_events} 0): a run starts on a quiet platform.
     */
    private void awaitAllReady() throws Exception {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        while (!faults.allReady()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the platform is not ready again (see ./pillar status)");
            }
            Thread.sleep(500);
        }
        String token = token();
        for (String service : List.of("PILLAR_FINDINGS_URL", "PILLAR_INVENTORY_URL")) {
            while (!(ScrapedMetrics.value(env.get(service), token, "pillar_outbox_backlog_events") == 0)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the outbox of " + env.get(service) + " is not drained");
                }
                Thread.sleep(1_000);
            }
        }
    }

    private long randomMillis(int from, int to) {
        return from + random.nextInt(to - from);
    }

    private static String problemTitle(Answer answer) {
        try {
            JsonNode problem = Bench.JSON.readTree(answer.body());
            return problem.has("title") ? " (" + problem.get("title").asText() + ")" : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** An HTTP answer, or status 0 when none came (connection refused or cut). */
    record Answer(int statusCode, String body) {
    }

    /** A scenario: its name (to run it alone), what it does, and one run of it. */
    record Scenario(String name, String description, Runner runner) {
        Result run(ChaosSuite suite, int run) throws Exception {
            return runner.run(suite, run).named(this);
        }
    }

    @FunctionalInterface
    interface Runner {
        Result run(ChaosSuite suite, int run) throws Exception;
    }

}
