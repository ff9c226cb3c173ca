package io.pillar.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.mapping.AssetDocument;
import io.pillar.inventory.mapping.JsonPatch;
import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.AssetSink;
import io.pillar.inventory.parser.awsconfig.AwsConfigParser;
import io.pillar.inventory.rules.Rule;
import io.pillar.inventory.rules.RuleLoader;
import io.pillar.platform.json.Json;

/**
 * The inventory's ceiling: a minimal hand-written pipeline doing the same work per changed asset as the platform's
 * change step (the service's own parser, document, JSON Patch and rules as libraries; none of its framework, HTTP,
 * identifiers, relationships, exposure, tag mapping or outbox): stream the report, read the current documents of a
 * batch in one query, diff each against the new one, evaluate every rule that applies, COPY the version rows, update
 * the current ones, commit, and produce one event per change to Kafka with acks=all. Its tables live in a schema of
 * its own, dropped afterwards.
 */
final class InventoryCeiling {
    private static final int BATCH = 1_000;
    private static final String SCHEMA = "bench_ceiling";

    private final Connection db;
    private final List<Rule> rules;

    private InventoryCeiling(Connection db, List<Rule> rules) {
        this.db = db;
        this.rules = rules;
    }

    /** Loads {@code first} untimed, then returns the changes per second of {@code second} over it. */
    static double changesPerSecond(Path first, Path second, Path rulesDir, String jdbcUrl, String user,
            String password, Map<String, Object> kafka, String topic) throws Exception {
        List<Rule> rules = RuleLoader.load(rulesDir).rules();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            InventoryCeiling ceiling = new InventoryCeiling(db, rules);
            ceiling.createTables();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Bench.kafka(kafka,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, "1", ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
                    new StringSerializer(), new StringSerializer())) {
                ceiling.run(first, null, null);
                long t0 = System.nanoTime();
                int changed = ceiling.run(second, producer, topic);
                return changed / ((System.nanoTime() - t0) / 1e9);
            } finally {
                try (Statement s = db.createStatement()) {
                    s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
                }
            }
        }
    }

    private void createTables() throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".asset (natural_id text PRIMARY KEY, version int NOT NULL, "
                    + "document text NOT NULL)");
            s.execute("CREATE TABLE " + SCHEMA + ".asset_version (natural_id text NOT NULL, version int NOT NULL, "
                    + "document text NOT NULL, patch text NOT NULL, PRIMARY KEY (natural_id, version))");
        }
    }

    /** The report through the pipeline, a transaction per batch; returns how many assets changed. */
    private int run(Path report, KafkaProducer<String, String> producer, String topic) throws Exception {
        db.setAutoCommit(false);
        List<AssetDraft> batch = new ArrayList<>(BATCH);
        int[] changed = {0};
        AssetSink sink = new AssetSink() {
            @Override
            public void accept(int index, AssetDraft asset) {
                batch.add(asset);
                if (batch.size() == BATCH) {
                    changed[0] += write(batch, producer, topic);
                    batch.clear();
                }
            }

            @Override
            public void reject(int index, String reason) {
            }
        };
        try (InputStream in = Files.newInputStream(report);
                JsonParser json = Json.UNTRUSTED.getFactory().createParser(in)) {
            new AwsConfigParser().parse(json, sink);
        }
        changed[0] += write(batch, producer, topic);
        db.setAutoCommit(true);
        return changed[0];
    }

    private int write(List<AssetDraft> drafts, KafkaProducer<String, String> producer, String topic) {
        if (drafts.isEmpty()) {
            return 0;
        }
        try {
            Map<String, Current> current = current(drafts);
            StringBuilder versions = new StringBuilder();
            List<String[]> updates = new ArrayList<>();
            List<ProducerRecord<String, String>> events = new ArrayList<>();
            for (AssetDraft d : drafts) {
                ObjectNode doc = document(d);
                Current before = current.get(d.naturalId);
                JsonNode patch = JsonPatch.diff(before == null ? Json.MAPPER.createObjectNode() : before.document(),
                        doc);
                if (patch.isEmpty()) {
                    continue;
                }
                Map<String, Object> input = Rule.input(doc);
                StringBuilder outcomes = new StringBuilder();
                for (Rule rule : rules) {
                    if (rule.appliesTo(d.type)) {
                        outcomes.append(rule.id()).append('=').append(rule.evaluate(input)).append(';');
                    }
                }
                int version = before == null ? 1 : before.version() + 1;
                String docText = Json.MAPPER.writeValueAsString(doc);
                String patchText = Json.MAPPER.writeValueAsString(patch);
                versions.append(copy(d.naturalId)).append('\t').append(version).append('\t').append(copy(docText))
                        .append('\t').append(copy(patchText)).append('\n');
                updates.add(new String[]{d.naturalId, Integer.toString(version), docText});
                if (producer != null) {
                    events.add(new ProducerRecord<>(topic, d.naturalId, "{\"asset\":\"" + d.naturalId
                            + "\",\"version\":" + version + ",\"rules\":\"" + outcomes + "\",\"patch\":" + patchText
                            + "}"));
                }
            }
            CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + SCHEMA + ".asset_version FROM STDIN");
            byte[] bytes = versions.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            try (PreparedStatement s = db.prepareStatement("INSERT INTO " + SCHEMA + ".asset AS a "
                    + "SELECT * FROM unnest(?::text[], ?::int[], ?::text[]) ON CONFLICT (natural_id) DO UPDATE "
                    + "SET version = excluded.version, document = excluded.document")) {
                s.setArray(1, array("text", updates, 0));
                s.setArray(2, db.createArrayOf("int", updates.stream().map(u -> Integer.valueOf(u[1])).toArray()));
                s.setArray(3, array("text", updates, 2));
                s.executeUpdate();
            }
            db.commit();
            List<Future<?>> acks = new ArrayList<>(events.size());
            for (ProducerRecord<String, String> e : events) {
                acks.add(producer.send(e));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
            return updates.size();
        } catch (Exception e) {
            throw new IllegalStateException("ceiling batch failed: " + e.getMessage(), e);
        }
    }

    private record Current(int version, JsonNode document) {
    }

    private Map<String, Current> current(List<AssetDraft> drafts) throws Exception {
        Map<String, Current> out = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT natural_id, version, document FROM " + SCHEMA + ".asset WHERE natural_id = ANY(?)")) {
            s.setArray(1, db.createArrayOf("text", drafts.stream().map(d -> d.naturalId).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Current(r.getInt(2), Json.MAPPER.readTree(r.getString(3))));
                }
            }
        }
        return out;
    }

    /** The draft as an asset document with every key, as the service stores it (without merging hand-set fields). */
    private static ObjectNode document(AssetDraft d) {
        ObjectNode partial = Json.MAPPER.createObjectNode();
        partial.put("type", d.type);
        partial.put("natural_id", d.naturalId);
        d.identifiers.forEach(partial.putArray("identifiers")::add);
        partial.put("name", d.name);
        partial.put("provider", d.provider);
        partial.put("account", d.account);
        partial.put("region", d.region);
        ObjectNode tags = partial.putObject("tags");
        d.tags.forEach(tags::put);
        partial.set("attributes", d.attributes);
        partial.set("configuration", d.configuration);
        return AssetDocument.complete(partial);
    }

    private Array array(String type, List<String[]> rows, int column) throws Exception {
        return db.createArrayOf(type, rows.stream().map(r -> r[column]).toArray());
    }

    /** A value in COPY's text format. */
    private static String copy(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
