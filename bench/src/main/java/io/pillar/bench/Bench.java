package io.pillar.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.stack.EnvFile;
import io.pillar.stack.Http;
import io.pillar.stack.Layout;
import io.pillar.stack.Ports;
import io.pillar.stack.Stack;

/** What every benchmark needs: the platform, a token, posting a report, and the table it prints. */
final class Bench {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The platform of ./pillar up if it runs, else one started with the same code (stopped at exit). */
    static Map<String, String> platform() throws Exception {
        Path repo = Layout.findRepo(Path.of(System.getProperty("pillar.home", ".")));
        Map<String, String> running = EnvFile.read(Layout.of(repo).envFile());
        if (!running.isEmpty() && Http.status(running.get("PILLAR_GATEWAY_URL") + "/q/health/ready") == 200) {
            System.out.println("Using the platform running from " + Layout.of(repo).envFile());
            return running;
        }
        System.out.println("Starting a platform with the code of ./pillar up...");
        Layout own = new Layout(repo, repo.resolve("bench/target/stack"), Layout.of(repo).runtime());
        Stack stack = Stack.up(own, Ports.free(), m -> System.out.println("  " + m));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        return stack.env();
    }

    /** A token of the integration client (client credentials). */
    static String token(Map<String, String> env) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + env.get("PILLAR_INTEGRATION_CLIENT_ID")
                + "&client_secret=" + env.get("PILLAR_INTEGRATION_CLIENT_SECRET");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(env.get("PILLAR_OIDC_URL") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** A token of a demo user of the local realm (password grant of the CLI client). */
    static String userToken(Map<String, String> env, String user) throws Exception {
        String form = "grant_type=password&client_id=" + env.get("PILLAR_CLI_CLIENT_ID") + "&username=" + user
                + "&password=" + java.net.URLEncoder.encode(env.get("PILLAR_DEMO_PASSWORD"),
                        java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(env.get("PILLAR_OIDC_URL") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** A JSON request (body null: none); any answer but 2xx stops the benchmark. */
    static JsonNode call(String method, String url, String token, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Posts a report file; any answer but 200 or 201 stops the benchmark. */
    static JsonNode post(String url, Path report, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(15))
                .POST(HttpRequest.BodyPublishers.ofFile(report)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A topic of the benchmark's own (6 partitions, as the platform's busiest). */
    /** A client's settings ({@link io.pillar.stack.KafkaClients}) completed with the given key-value pairs. */
    static Map<String, Object> kafka(Map<String, Object> client, Object... settings) {
        Map<String, Object> all = new java.util.HashMap<>(client);
        for (int i = 0; i < settings.length; i += 2) {
            all.put((String) settings[i], settings[i + 1]);
        }
        return all;
    }

    /** Assigns every partition of the topic to the consumer, positioned at its end: what comes from now on. */
    static void fromNow(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    static void createTopic(Map<String, Object> operator, String topic) throws Exception {
        try (Admin admin = Admin.create(operator)) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
    }

    static void deleteTopic(Map<String, Object> operator, String topic) throws Exception {
        try (Admin admin = Admin.create(operator)) {
            admin.deleteTopics(Set.of(topic)).all().get();
        }
    }

    /**
     * Waits until a consumer group has read a topic to its end, and the end has stopped moving for a second (a relay
     * may still be publishing); answers the seconds waited.
     */
    static double drained(Map<String, Object> operator, String group, String topic, Duration limit)
            throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + limit.toNanos();
        try (Admin admin = Admin.create(operator)) {
            long before = -1;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
                admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                long end = 0;
                long lag = 0;
                for (var e : admin.listOffsets(ends).all().get().entrySet()) {
                    end += e.getValue().offset();
                    OffsetAndMetadata at = read.get(e.getKey());
                    lag += e.getValue().offset() - (at == null ? 0 : at.offset());
                }
                if (lag == 0 && end == before) {
                    return (System.nanoTime() - t0) / 1e9 - 1;
                }
                before = lag == 0 ? end : -1;
                Thread.sleep(1_000);
            }
        }
        throw new IllegalStateException(group + " did not read " + topic + " to its end within " + limit);
    }

    static String[] row(String what, String measured, String target, boolean met) {
        return new String[]{what, measured, target, met ? "yes" : "NO"};
    }

    static String[] row(String what, String measured) {
        return new String[]{what, measured, "", ""};
    }

    static void print(List<String[]> rows) {
        int[] width = {6, 8, 6, 3};
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        String format = "| %-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s | %-" + width[3] + "s |%n";
        System.out.println();
        System.out.printf(format, "metric", "measured", "target", "met");
        System.out.printf(format, "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]), "-".repeat(3));
        rows.forEach(r -> System.out.printf(format, (Object[]) r));
    }

    private Bench() {
    }
}
