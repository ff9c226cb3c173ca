package io.pillar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * The identity-service's analysis, end to end through the gateway: an authorization-details export of n principals
 * and m managed policies imported (parsed, stored, every check run, findings written to the outbox), then one of
 * twice the size into another account, alternating for a number of rounds (default 2). The growth (best time of 2n
 * over best time of n, same run) is the figure that holds on any day; the target for n = 2,000 principals and
 * 5,000 policies is under 10 s, and the growth at most 2.2. Before each measured import, the findings-service has
 * read every finding of the one before and the platform is idle (it shares the two cores).
 */
public final class IdentityBenchmark {
    private static final String FINDINGS_GROUP = "findings-service";
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        int principals = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int policies = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Map<String, String> env = Bench.platform();
        String url = env.get("PILLAR_GATEWAY_URL") + "/api/v1/identity/imports?format=aws-authorization-details";
        Path dir = Files.createTempDirectory("pillar-identity-bench");
        // accounts of this run only: a re-run analyses fresh accounts, not an unchanged re-import
        String run = String.format("%06d", System.currentTimeMillis() % 1_000_000);
        System.out.printf("Identity benchmark: %d principals and %d policies, then twice that, %d rounds%n",
                principals, policies, rounds);
        // one warm-up import of the first size into an account of its own, so the first measured one does not pay
        // for the JIT alone
        Path warm = IamExportGenerator.write(dir.resolve("warm.json"), "93" + run + "0003", principals, policies);
        Bench.post(url, warm, Bench.token(env));
        Files.delete(warm);
        Map<String, Object> operator = KafkaClients.operator(env);
        String raw = Topic.FINDINGS_RAW.topicName();
        Bench.drained(operator, FINDINGS_GROUP, raw, DRAIN_LIMIT);
        Quiet.await(0.8, DRAIN_LIMIT);

        // the sizes alternate, each round into fresh accounts; the growth compares the best time of each size, so
        // that one slow or lucky import (the machine is shared with the whole platform) does not make the figure
        List<String[]> rows = new ArrayList<>();
        double first = Double.MAX_VALUE;
        double second = Double.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            Path small = IamExportGenerator.write(dir.resolve("small.json"), "91" + run + "00" + round + "1",
                    principals, policies);
            first = Math.min(first, timed(url, small, env, rows, principals, policies));
            drainedRow(rows, operator, principals);
            Path large = IamExportGenerator.write(dir.resolve("large.json"), "92" + run + "00" + round + "2",
                    2 * principals, 2 * policies);
            second = Math.min(second, timed(url, large, env, rows, 2 * principals, 2 * policies));
            drainedRow(rows, operator, 2 * principals);
            Files.delete(small);
            Files.delete(large);
        }
        rows.add(Bench.row("growth: best time of twice the account over best time of the account (same run)",
                String.format("%.2f (%.1f s / %.1f s)", second / first, second, first), "<= 2.2",
                second / first <= 2.2));
        Bench.print(rows);
        Files.deleteIfExists(dir);
    }

    private static void drainedRow(List<String[]> rows, Map<String, Object> operator, int principals)
            throws Exception {
        double seconds = Bench.drained(operator, FINDINGS_GROUP, Topic.FINDINGS_RAW.topicName(), DRAIN_LIMIT);
        long idle = Quiet.await(0.8, DRAIN_LIMIT).toSeconds();
        rows.add(Bench.row(String.format("its findings read by the findings-service (%,d principals), after the answer",
                principals), String.format("%.0f s (platform idle %d s later)", seconds, idle)));
    }

    private static double timed(String url, Path export, Map<String, String> env, List<String[]> rows,
            int principals, int policies) throws Exception {
        String token = Bench.token(env);
        long t0 = System.nanoTime();
        JsonNode job = Bench.post(url, export, token);
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean base = principals <= 2_000;
        rows.add(Bench.row(String.format("import and analysis of %,d principals, %,d policies", principals, policies),
                String.format("%.1f s (created %d, %d findings, %d warnings)", seconds, job.get("created").asInt(),
                        job.get("findings").asInt(), job.get("warnings").size()),
                base ? "< 10 s" : "", !base || seconds < 10));
        return seconds;
    }

    private IdentityBenchmark() {
    }
}
