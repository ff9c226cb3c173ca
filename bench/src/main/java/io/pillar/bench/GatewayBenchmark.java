package io.pillar.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's cost: an authenticated {@code GET /api/v1/findings/formats} sent through the gateway and directly to
 * the findings-service (the same-run ceiling), first paced at 300 requests/s (p50, p99 of each, from the moment each
 * request was due, so a stall is not hidden), then by enough connections to saturate each (requests/s, and the ratio
 * gateway/direct). The requests rotate over the demo users so that the gateway's per-user rate limit (200/s) does not
 * bind; answers other than 200 are counted and reported (429: a limit bound; start the stack with higher
 * {@code PILLAR_GATEWAY_USER_RATE}/{@code PILLAR_GATEWAY_CLIENT_RATE} to measure beyond them). Arguments:
 * [seconds=20] [connections=16].
 */
public final class GatewayBenchmark {
    private static final List<String> USERS = List.of("viewer", "analyst", "responder", "auditor",
            "analyst-payments");
    /** Served from memory by the findings-service: what is measured is the path to it, not a query. */
    private static final String PATH = "/api/v1/findings/formats";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Map<String, String> env = Bench.platform();
        List<String> tokens = new ArrayList<>();
        for (String user : USERS) {
            tokens.add(Bench.userToken(env, user));
        }
        String gateway = env.get("PILLAR_GATEWAY_URL") + PATH;
        String direct = env.get("PILLAR_FINDINGS_URL") + PATH;
        System.out.printf("Gateway benchmark: %d s per measurement, %d connections to saturate, %d cores%n", seconds,
                connections, Runtime.getRuntime().availableProcessors());
        List<String[]> rows = new ArrayList<>();

        paced(direct, tokens, 300, 5); // warm-up of both paths
        paced(gateway, tokens, 300, 5);
        Paced viaGateway = paced(gateway, tokens, 300, seconds);
        Paced viaService = paced(direct, tokens, 300, seconds);
        rows.add(Bench.row("GET at 300/s through the gateway: p50, p99", viaGateway.describe(), "p99 < 25 ms",
                viaGateway.p99 < 25 && viaGateway.failed == 0));
        rows.add(Bench.row("GET at 300/s directly (same run): p50, p99", viaService.describe()));
        double overhead = viaGateway.p50 - viaService.p50;
        rows.add(Bench.row("median overhead of the gateway", String.format("%.2f ms", overhead), "< 3 ms",
                overhead < 3));

        Saturated g = saturated(gateway, tokens, connections, seconds);
        Saturated d = saturated(direct, tokens, connections, seconds);
        double ratio = g.perSecond / d.perSecond;
        rows.add(Bench.row("saturated, " + connections + " connections, through the gateway", g.describe()));
        rows.add(Bench.row("saturated, " + connections + " connections, directly (ceiling)", d.describe()));
        rows.add(Bench.row("gateway / direct throughput", String.format("%.2f", ratio), ">= 0.7",
                ratio >= 0.7 && g.failed == 0));
        Bench.print(rows);
        if (g.statuses.contains("429")) {
            System.out.println("The gateway's rate limits bound (429 answers): the throughput above is the limits'. To "
                    + "measure the gateway itself, start the stack with PILLAR_GATEWAY_USER_RATE, "
                    + "PILLAR_GATEWAY_USER_BURST, PILLAR_GATEWAY_CLIENT_RATE and PILLAR_GATEWAY_CLIENT_BURST raised "
                    + "(e.g. 100000 each) and run this again.");
        }
    }

    private record Paced(double p50, double p99, long ok, long failed, String statuses) {
        String describe() {
            return String.format("p50 %.2f ms, p99 %.2f ms (%d answered 200%s)", p50, p99, ok,
                    failed == 0 ? "" : ", " + failed + " not: " + statuses);
        }
    }

    private record Saturated(double perSecond, long ok, long failed, String statuses) {
        String describe() {
            return String.format("%.0f requests/s (%d answered 200%s)", perSecond, ok,
                    failed == 0 ? "" : ", " + failed + " not: " + statuses);
        }
    }

    /** Open loop: a request every 1/rate s whatever the answers; latency counted from when it was due. */
    private static Paced paced(String url, List<String> tokens, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        List<CompletableFuture<Double>> sent = new ArrayList<>(n);
        Statuses statuses = new Statuses();
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < n; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            sent.add(Bench.HTTP.sendAsync(request(url, tokens.get(i % tokens.size())),
                    HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
                        statuses.add(r.statusCode());
                        return (System.nanoTime() - due) / 1e6;
                    }));
        }
        List<Double> ms = new ArrayList<>(n);
        for (CompletableFuture<Double> f : sent) {
            ms.add(f.get());
        }
        Collections.sort(ms);
        return new Paced(ms.get(n / 2), ms.get((int) (n * 0.99)), statuses.ok.get(), statuses.failed(),
                statuses.toString());
    }

    /** Closed loop: each connection sends its next request when the last one is answered. */
    private static Saturated saturated(String url, List<String> tokens, int connections, int seconds)
            throws Exception {
        Statuses statuses = new Statuses();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            String token = tokens.get(c % tokens.size());
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        statuses.add(Bench.HTTP.send(request(url, token), HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Saturated(statuses.ok.get() / elapsed, statuses.ok.get(), statuses.failed(), statuses.toString());
    }

    private static HttpRequest request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** Answers by status: 200s counted apart, the others by code (-1: no answer). */
    private static final class Statuses {
        final AtomicLong ok = new AtomicLong();
        final java.util.concurrent.ConcurrentHashMap<Integer, AtomicLong> other = new java.util.concurrent.ConcurrentHashMap<>();

        void add(int status) {
            if (status == 200) {
                ok.incrementAndGet();
            } else {
                other.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            }
        }

        long failed() {
            return other.values().stream().mapToLong(AtomicLong::get).sum();
        }

        @Override
        public String toString() {
            return other.toString();
        }
    }

    private GatewayBenchmark() {
    }
}
