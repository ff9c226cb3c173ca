package io.pillar.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.contracts.Topic;
import io.pillar.stack.KafkaClients;

/**
 * The response-service, end to end through the gateway of the running platform:
 * <ol>
 * <li>finding event to first containment action: findings are imported one by one; each fires a trigger whose
 * playbook quarantines an asset first thing. Measured from the finding's event on pillar.findings.events (its record
 * time) to the end of the quarantine step (the inventory has recorded it). Beside it, the same-run part that is the
 * response-service's own: from the event to the run's creation.</li>
 * <li>runs parked on a person: n runs started, each waiting on a manual step, then all approved. The
 * response-service's heap after a full GC, before, with the runs parked and after they completed: it must not grow
 * (nothing of a waiting run is held in memory).</li>
 * </ol>
 * Targets: p95 under 1 s; heap after the runs complete no larger than before (within 8 MiB of collector noise).
 */
public final class ResponseBenchmark {
    private static final String AGENT = "individual--70000000-0000-4000-8000-0000000000a1";

    public static void main(String[] args) throws Exception {
        int findings = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int parked = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Map<String, String> env = Bench.platform();
        String gateway = env.get("PILLAR_GATEWAY_URL");
        String integration = Bench.token(env);
        String responder = Bench.userToken(env, "responder");
        String marker = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("Response benchmark: %d findings to containment, %d runs parked on a person%n", findings,
                parked);
        List<String[]> rows = new ArrayList<>();
        containment(env, gateway, integration, responder, marker, findings, rows);
        parked(gateway, integration, responder, marker, parked, rows);
        Bench.print(rows);
        System.exit(0);
    }

    private static void containment(Map<String, String> env, String gateway, String integration, String responder,
            String marker, int findings, List<String[]> rows) throws Exception {
        String arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-" + marker;
        Bench.call("POST", gateway + "/api/v1/assets/imports?format=pillar", integration, """
                {"assets": [{"type": "instance", "natural_id": "%s", "provider": "aws", "name": "%s",
                 "owner_team": "platform"}]}""".formatted(arn, marker));
        String asset = Bench.call("GET", gateway + "/api/v1/assets?q=" + marker, integration, null).path("items")
                .get(0).path("id").asText();
        String playbook = Bench.call("POST", gateway + "/api/v1/playbooks?team=platform", integration,
                quarantinePlaybook(marker)).path("playbook").path("id").asText();
        Bench.call("POST", gateway + "/api/v1/triggers", responder, """
                {"name": "%s", "team": "platform", "playbook_id": "%s", "inputs": {"__asset_id__": "%s"},
                 "filter": {"products": ["%s"], "event_types": ["created"]}}""".formatted(marker, playbook, asset,
                marker));
        int warmUp = 10;
        for (int i = 0; i < warmUp + findings; i++) {
            Bench.call("POST", gateway + "/api/v1/findings/imports?format=pillar&team=platform", integration, """
                    {"findings": [{"title": "%s %d", "severity": "high", "product": "%s", "rule": "bench",
                     "resources": [{"uid": "urn:%s:%d"}]}]}""".formatted(marker, i, marker, marker, i));
            Thread.sleep(150);
        }
        Map<String, Long> eventTime = eventTimes(env, marker, warmUp + findings);
        Map<String, JsonNode> runs = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (runs.size() < warmUp + findings && Instant.now().isBefore(deadline)) {
            runs.clear();
            for (JsonNode r : Bench.call("GET", gateway + "/api/v1/runs?status=completed&limit=500", integration,
                    null).path("items")) {
                if (r.path("playbook_id").asText().equals(playbook)) {
                    runs.put(r.path("inputs").path("__finding_id__").asText(), r);
                }
            }
            Thread.sleep(500);
        }
        List<Long> toContainment = new ArrayList<>();
        List<Long> toRun = new ArrayList<>();
        for (var e : runs.entrySet()) {
            Long at = eventTime.get(e.getKey());
            if (at == null) {
                continue;
            }
            JsonNode run = Bench.call("GET", gateway + "/api/v1/runs/" + e.getValue().path("id").asText(),
                    integration, null);
            for (JsonNode step : run.path("steps")) {
                if (step.path("name").asText().equals("Quarantine") && step.hasNonNull("finished_at")) {
                    toContainment.add(Instant.parse(step.path("finished_at").asText()).toEpochMilli() - at);
                }
            }
            toRun.add(Instant.parse(run.path("created_at").asText()).toEpochMilli() - at);
        }
        // the first findings warm the JIT up: the figures are of the rest, in import order
        List<Long> measured = toContainment.size() > warmUp
                ? toContainment.subList(warmUp, toContainment.size())
                : toContainment;
        long p95 = percentile(measured, 95);
        rows.add(Bench.row("findings contained", measured.size() + " of " + findings));
        rows.add(Bench.row("finding event to containment, p50", percentile(measured, 50) + " ms"));
        rows.add(Bench.row("finding event to containment, p95", p95 + " ms", "< 1000 ms", p95 < 1000));
        rows.add(Bench.row("  of which event to run started, p50 / p95", percentile(toRun, 50) + " / "
                + percentile(toRun, 95) + " ms"));
    }

    /** The record time of each finding's created event, by finding id, for the findings of this run. */
    private static Map<String, Long> eventTimes(Map<String, String> env, String marker, int expected) {
        Map<String, Object> config = new HashMap<>(KafkaClients.operator(env));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Long> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(Topic.FINDINGS_EVENTS.topicName()));
            Instant end = Instant.now().plus(Duration.ofMinutes(2));
            while (out.size() < expected && Instant.now().isBefore(end)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("\"" + marker + "\"") && r.value().contains("io.pillar.finding.created")) {
                        out.putIfAbsent(r.key(), r.timestamp());
                    }
                }
            }
        }
        return out;
    }

    private static void parked(String gateway, String integration, String responder, String marker, int n,
            List<String[]> rows) throws Exception {
        long pid = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains("response-service")).filter(p -> p.info().commandLine().orElse("").contains("java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElseThrow();
        String playbook = Bench.call("POST", gateway + "/api/v1/playbooks?team=platform", integration,
                manualPlaybook(marker)).path("playbook").path("id").asText();
        long before = heapAfterGc(pid);
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(Bench.call("POST", gateway + "/api/v1/playbooks/" + playbook + "/runs", integration,
                    "{\"team\": \"platform\"}").path("id").asText());
        }
        awaitStatus(gateway, integration, runs, "waiting");
        long withParked = heapAfterGc(pid);
        for (String run : runs) {
            Bench.call("POST", gateway + "/api/v1/runs/" + run + "/steps/action--70000000-0000-4000-8000-"
                    + "00000000000a/complete", responder, "{\"decision\": \"approve\"}");
        }
        awaitStatus(gateway, integration, runs, "completed");
        long after = heapAfterGc(pid);
        rows.add(Bench.row("response-service heap after GC, before", mib(before)));
        rows.add(Bench.row("  with " + n + " runs parked on a person", mib(withParked)));
        rows.add(Bench.row("  after they completed", mib(after), "<= before + 8 MiB",
                after <= before + 8L * 1024 * 1024));
    }

    private static void awaitStatus(String gateway, String token, List<String> runs, String status)
            throws Exception {
        Instant end = Instant.now().plus(Duration.ofMinutes(5));
        for (String run : runs) {
            while (!Bench.call("GET", gateway + "/api/v1/runs/" + run, token, null).path("status").asText()
                    .equals(status)) {
                if (Instant.now().isAfter(end)) {
                    throw new IllegalStateException("run " + run + " is not " + status + " after 5 minutes");
                }
                Thread.sleep(200);
            }
        }
    }

    /** The heap the service uses after a full collection (jcmd GC.run, then GC.heap_info), in bytes. */
    private static long heapAfterGc(long pid) throws Exception {
        String jcmd = System.getProperty("java.home") + "/bin/jcmd";
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                .start();
        String text = new String(info.getInputStream().readAllBytes());
        info.waitFor();
        long used = 0;
        // one line per generation ("DefNew total 15360K, used 74K", "Tenured ..."; older JDKs say "... generation")
        Matcher m = Pattern.compile("(?m)^\\S[^\\n]*?total \\d+K, used (\\d+)K").matcher(text);
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
        }
        if (used == 0) {
            throw new IllegalStateException("no heap figures from jcmd GC.heap_info: " + text);
        }
        return used;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String quarantinePlaybook(String marker) {
        return """
                {"type": "playbook", "spec_version": "cacao-2.0", "id": "playbook--%s", "name": "%s contain",
                 "created_by": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                 "created": "2026-12-02T08:00:00.000Z", "modified": "2026-12-02T08:00:00.000Z",
                 "workflow_start": "start--70000000-0000-4000-8000-000000000001",
                 "workflow": {
                   "start--70000000-0000-4000-8000-000000000001": {"type": "start",
                     "on_completion": "action--70000000-0000-4000-8000-00000000000b"},
                   "action--70000000-0000-4000-8000-00000000000b": {"type": "action", "name": "Quarantine",
                     "commands": [{"type": "x-pillar", "command": "quarantine-asset",
                       "arguments": {"asset": "__asset_id__", "reason": "benchmark __finding_id__"}}],
                     "agent": "%s", "on_completion": "end--70000000-0000-4000-8000-0000000000ff"},
                   "end--70000000-0000-4000-8000-0000000000ff": {"type": "end"}},
                 "agent_definitions": {"%s": {"type": "individual", "name": "Bench"}}}"""
                .formatted(UUID.randomUUID(), marker, AGENT, AGENT);
    }

    private static String manualPlaybook(String marker) {
        return """
                {"type": "playbook", "spec_version": "cacao-2.0", "id": "playbook--%s", "name": "%s wait",
                 "created_by": "identity--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                 "created": "2026-12-02T08:00:00.000Z", "modified": "2026-12-02T08:00:00.000Z",
                 "workflow_start": "start--70000000-0000-4000-8000-000000000001",
                 "workflow": {
                   "start--70000000-0000-4000-8000-000000000001": {"type": "start",
                     "on_completion": "action--70000000-0000-4000-8000-00000000000a"},
                   "action--70000000-0000-4000-8000-00000000000a": {"type": "action", "name": "Approve",
                     "commands": [{"type": "manual", "command": "Approve"}],
                     "agent": "%s", "on_completion": "end--70000000-0000-4000-8000-0000000000ff"},
                   "end--70000000-0000-4000-8000-0000000000ff": {"type": "end"}},
                 "agent_definitions": {"%s": {"type": "individual", "name": "Bench"}}}"""
                .formatted(UUID.randomUUID(), marker, AGENT, AGENT);
    }

    private ResponseBenchmark() {
    }
}
