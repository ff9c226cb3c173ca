package io.pillar.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.zip.Deflater;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ceiling: a minimal hand-written pipeline over the same report and the same table, with none of the platform's
 * work (no normalization, OCSF events, history, outbox or HTTP): streaming parse, SHA-256 fingerprint, deflate of the
 * raw record, COPY into a temporary table then INSERT ... ON CONFLICT into {@code finding}, and after each commit a
 * Kafka produce with acks=all. Two variants: {@code sameContent} stores what the report says of each finding (title,
 * description, severity, resources, control, first seen) and publishes the finding itself, as the platform does;
 * without it, only identifiers, title and raw record are stored and the event is the finding's id. Its rows are
 * deleted afterwards.
 */
final class CeilingPipeline {
    private static final int BATCH = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static double findingsPerSecond(Path report, String jdbcUrl, String user, String password,
            Map<String, Object> kafka,
            String topic, String scope, boolean sameContent) throws Exception {
        long start = System.nanoTime();
        int total = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Bench.kafka(kafka,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
                        new StringSerializer(), new StringSerializer());
                InputStream in = Files.newInputStream(report);
                JsonParser p = JSON.createParser(in)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS ceiling_stage (id uuid, fingerprint text, title text, "
                        + "severity_id smallint, product text, rule_uid text, raw bytea, raw_sha256 text, "
                        + "description text, resources jsonb, compliance text[], first_seen timestamptz, uid text) "
                        + "ON COMMIT DELETE ROWS");
            }
            c.commit();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder csv = new StringBuilder();
            List<String> keys = new ArrayList<>();
            List<String> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.START_ARRAY) {
                // to the Findings array
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode f = p.readValueAsTree();
                byte[] raw = JSON.writeValueAsBytes(f);
                String fingerprint = HexFormat.of().formatHex(sha.digest(
                        ("ceiling\n" + f.get("ProductArn").asText() + "\n" + f.get("Id").asText())
                                .getBytes(StandardCharsets.UTF_8)));
                String id = UUID.randomUUID().toString();
                csv.append(id).append(',').append(fingerprint).append(',').append(quote(f.get("Title").asText()))
                        .append(',').append(sameContent ? severity(f) : 3).append(',')
                        .append(quote(f.path("ProductName").asText())).append(',')
                        .append(quote(f.path("GeneratorId").asText())).append(",\\x")
                        .append(HexFormat.of().formatHex(deflate(raw))).append(',')
                        .append(HexFormat.of().formatHex(sha.digest(raw)));
                if (sameContent) {
                    csv.append(',').append(quote(f.path("Description").asText())).append(',')
                            .append(quote(f.path("Resources").toString())).append(',')
                            .append(quote("{\"" + f.path("Compliance").path("SecurityControlId").asText() + "\"}"))
                            .append(',').append(f.path("CreatedAt").asText()).append(',')
                            .append(quote(f.get("Id").asText()));
                }
                csv.append('\n');
                values.add(sameContent ? new String(raw, StandardCharsets.UTF_8) : "{\"id\":\"" + id + "\"}");
                keys.add(id);
                if (keys.size() == BATCH) {
                    total += flush(c, producer, csv, keys, values, topic, scope, sameContent);
                }
            }
            total += flush(c, producer, csv, keys, values, topic, scope, sameContent);
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static int flush(Connection c, KafkaProducer<String, String> producer, StringBuilder csv,
            List<String> keys, List<String> values, String topic, String scope, boolean sameContent)
            throws Exception {
        if (keys.isEmpty()) {
            return 0;
        }
        String columns = "id, fingerprint, title, severity_id, product, rule_uid, raw, raw_sha256"
                + (sameContent ? ", description, resources, compliance, first_seen, uid" : "");
        ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                "COPY ceiling_stage (" + columns + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO finding (id, fingerprint, class_uid, title, severity_id, status, product, "
                    + "rule_uid, first_seen, last_seen, raw, raw_sha256, scope"
                    + (sameContent ? ", description, resources, compliance, uid, format, content_hash" : "")
                    + ") SELECT id, fingerprint, 2003, title, severity_id, 'new', product, rule_uid, "
                    + (sameContent ? "least(first_seen, now())" : "now()") + ", now(), raw, raw_sha256, '" + scope
                    + "'" + (sameContent ? ", description, resources, compliance, uid, 'asff', raw_sha256" : "")
                    + " FROM ceiling_stage ON CONFLICT (fingerprint, (coalesce(team, ''))) DO UPDATE"
                    + " SET last_seen = EXCLUDED.last_seen");
        }
        c.commit();
        List<Future<?>> acks = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            acks.add(producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i))));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
        int n = keys.size();
        keys.clear();
        values.clear();
        csv.setLength(0);
        return n;
    }

    private static int severity(JsonNode f) {
        return switch (f.path("Severity").path("Label").asText()) {
            case "INFORMATIONAL" -> 1;
            case "LOW" -> 2;
            case "MEDIUM" -> 3;
            case "HIGH" -> 4;
            case "CRITICAL" -> 5;
            default -> 0;
        };
    }

    static void cleanUp(String jdbcUrl, String user, String password, String scope) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM finding WHERE scope = '" + scope + "'");
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static byte[] deflate(byte[] raw) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private CeilingPipeline() {
    }
}
