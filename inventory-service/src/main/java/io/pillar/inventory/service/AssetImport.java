package io.pillar.inventory.service;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.AssetImportJob;
import io.pillar.inventory.mapping.AssetDocument;
import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.AssetSink;
import io.pillar.inventory.parser.MalformedInputException;
import io.pillar.inventory.parser.ParserRegistry;
import io.pillar.inventory.parser.UnsupportedFormatException;
import io.pillar.inventory.repository.AssetImportJobRepository;
import io.pillar.inventory.repository.StoredAsset;
import io.pillar.inventory.repository.bulk.AssetLookups;
import io.pillar.inventory.repository.bulk.AssetWrites;
import io.pillar.platform.jobs.RunningJobs;
import io.pillar.platform.json.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports a report of assets (REST or Kafka): streamed through its parser, merged with what the inventory knows in
 * batches, all in one transaction, so a report that cannot be read keeps nothing and one that can keeps every valid
 * item. Imports run one at a time.
 */
@ApplicationScoped
public class AssetImport {
    private static final int BATCH = 1_000;

    @Inject
    AssetLookups lookups;
    @Inject
    AssetWrites writes;
    @Inject
    AssetChanges changes;
    @Inject
    TagMapping tagMapping;
    @Inject
    ParserRegistry parsers;
    @Inject
    AssetImportJobRepository jobs;
    @Inject
    RunningJobs running;

    /** What an import did; {@code received = created + updated + unchanged + rejected}. */
    public record Report(UUID id, String status, String format, String scope, String team, int received,
            int created, int updated, int unchanged, int rejected, List<ItemError> errors, String failure,
            String requestedBy, Instant startedAt, Instant finishedAt) {

        public static Report of(AssetImportJob job) {
            try {
                return new Report(job.id, job.status, job.format, job.scope, job.team, job.received, job.created,
                        job.updated, job.unchanged, job.rejected,
                        Json.MAPPER.readValue(job.errors, new TypeReference<List<ItemError>>() {
                        }), job.failure, job.requestedBy, job.startedAt, job.finishedAt);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("import " + job.id + " has unreadable errors", e);
            }
        }
    }

    public record ItemError(int index, String reason) {
    }

    /** A REST import: who asks, the format (null: detected), what it covers and for which team (both optional). */
    public record Request(String format, String scope, String team, String actor) {
    }

    /**
     * Imports a report as a job: recorded as running once its format is known, completed in the transaction that
     * writes its assets, failed (with the reason) when that transaction does not commit.
     */
    public Report importReport(InputStream in, Request request)
            throws UnsupportedFormatException, MalformedInputException {
        UUID id = UUID.randomUUID();
        boolean[] recorded = {false};
        try {
            return run(in, request.format(), request.actor(), "api", format -> {
                running.started(id);
                QuarkusTransaction.requiringNew().run(() -> jobs.persist(newJob(id, format, request)));
                recorded[0] = true;
            }, sink -> {
                AssetImportJob job = jobs.findById(id);
                job.status = AssetImportJob.COMPLETED;
                job.received = sink.received;
                job.created = sink.created;
                job.updated = sink.updated;
                job.unchanged = sink.unchanged;
                job.rejected = sink.errors.size();
                job.errors = json(sink.errors);
                job.finishedAt = Instant.now();
                return Report.of(job);
            });
        } catch (RuntimeException e) {
            if (recorded[0]) {
                QuarkusTransaction.requiringNew().run(() -> {
                    AssetImportJob job = jobs.findById(id);
                    job.status = AssetImportJob.FAILED;
                    job.failure = e.getMessage() + " (nothing of this import was kept)";
                    job.finishedAt = Instant.now();
                });
            }
            throw e;
        } finally {
            running.finished(id);
        }
    }

    /** Imports a record of assets (Kafka): no job, the dead-letter topic says what went wrong. */
    public Report run(InputStream in, String format, String actor, String source)
            throws UnsupportedFormatException, MalformedInputException {
        Instant started = Instant.now();
        return run(in, format, actor, source, chosen -> {
        }, sink -> new Report(UUID.randomUUID(), AssetImportJob.COMPLETED, sink.format, null, null, sink.received,
                sink.created, sink.updated, sink.unchanged, sink.errors.size(), sink.errors, null, actor, started,
                Instant.now()));
    }

    private Report run(InputStream in, String format, String actor, String source, Consumer<String> chosen,
            Function<Counting, Report> done) throws UnsupportedFormatException, MalformedInputException {
        Counting sink = new Counting(actor, source);
        try {
            return QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
                writes.lockForChanges();
                sink.format = parsers.parse(in, format, sink, chosen);
                sink.flush();
                return done.apply(sink);
            });
        } catch (RuntimeException e) {
            if (e.getCause() instanceof UnsupportedFormatException u) {
                throw u;
            }
            if (e.getCause() instanceof MalformedInputException m) {
                throw m;
            }
            throw e;
        }
    }

    private AssetImportJob newJob(UUID id, String format, Request request) {
        AssetImportJob job = new AssetImportJob();
        job.id = id;
        job.format = format;
        job.scope = request.scope();
        job.team = request.team();
        job.status = AssetImportJob.RUNNING;
        job.requestedBy = request.actor();
        job.startedAt = Instant.now();
        job.instance = running.instance();
        job.heartbeatAt = job.startedAt;
        return job;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects items into batches and commits each batch through {@link AssetChanges}. */
    private final class Counting implements AssetSink {
        private final String actor;
        private final String source;
        private final List<AssetDraft> batch = new ArrayList<>();
        final List<ItemError> errors = new ArrayList<>();
        String format;
        int received;
        int created;
        int updated;
        int unchanged;

        Counting(String actor, String source) {
            this.actor = actor;
            this.source = source;
        }

        @Override
        public void accept(int index, AssetDraft asset) {
            received++;
            batch.add(asset);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void reject(int index, String reason) {
            received++;
            errors.add(new ItemError(index, reason));
        }

        void flush() {
            List<AssetDraft> pending = new ArrayList<>(batch);
            batch.clear();
            while (!pending.isEmpty()) {
                pending = commit(pending);
            }
        }

        /** Commits the drafts naming distinct assets; returns those naming one already in this round. */
        private List<AssetDraft> commit(List<AssetDraft> drafts) {
            Instant at = Instant.now();
            List<String> identifiers = drafts.stream().flatMap(d -> d.identifiers.stream()).distinct().toList();
            Map<String, StoredAsset> known = lookups.byIdentifiers(identifiers);
            Map<String, UUID> claimed = new HashMap<>();
            Set<UUID> taken = new HashSet<>();
            List<AssetChanges.Change> round = new ArrayList<>();
            List<AssetDraft> later = new ArrayList<>();
            for (AssetDraft d : drafts) {
                StoredAsset current = resolve(d, known);
                UUID sameAsNew = d.identifiers.stream().map(claimed::get).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null);
                if ((current != null && taken.contains(current.id())) || sameAsNew != null) {
                    later.add(d);
                    continue;
                }
                AssetChanges.Change change = AssetChanges.Change.of(current, merge(d, current),
                        current == null ? List.of() : current.pinned());
                taken.add(change.id());
                d.identifiers.forEach(i -> claimed.put(i, change.id()));
                round.add(change);
            }
            for (AssetChanges.Result r : changes.commit(round, actor, source, at).results()) {
                switch (r) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
            return later;
        }
    }

    /**
     * The asset a draft names: by its natural identifier, else by another of its identifiers, unless that asset is
     * known to live in another account (short resource ids are unique in practice, not by contract).
     */
    private static StoredAsset resolve(AssetDraft d, Map<String, StoredAsset> known) {
        StoredAsset byNatural = known.get(d.naturalId);
        if (byNatural != null) {
            return byNatural;
        }
        for (String id : d.identifiers) {
            StoredAsset a = known.get(id);
            if (a != null) {
                JsonNode account = a.document().path("account");
                if (d.account == null || account.isNull() || account.isMissingNode()
                        || account.asText().equals(d.account)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** The document a draft gives, on top of what the inventory knew (hand-set fields and quarantine are kept). */
    ObjectNode merge(AssetDraft d, StoredAsset current) {
        JsonNode cur = current == null ? AssetDocument.complete(null) : current.document();
        if (d.deleted && current != null) {
            ObjectNode gone = cur.deepCopy();
            gone.put("status", "deleted");
            return gone;
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("type", d.type);
        String currentNatural = cur.path("natural_id").asText("");
        String natural = currentNatural.startsWith("arn:") && !d.naturalId.startsWith("arn:")
                ? currentNatural
                : d.naturalId;
        doc.put("natural_id", natural);
        TreeSet<String> identifiers = new TreeSet<>(d.identifiers);
        identifiers.add(natural);
        if (!currentNatural.isEmpty()) {
            identifiers.add(currentNatural);
        }
        ArrayNode ids = doc.putArray("identifiers");
        identifiers.forEach(ids::add);
        text(doc, "name", d.name, cur);
        text(doc, "provider", d.provider, cur);
        text(doc, "account", d.account, cur);
        text(doc, "region", d.region, cur);
        doc.put("status", d.deleted ? "deleted" : "active");
        Map<String, String> tagged = tagMapping.derive(d.tags);
        List<String> pinned = current == null ? List.of() : current.pinned();
        for (String field : List.of("owner_team", "environment", "criticality", "data_classification")) {
            String value;
            if (pinned.contains(field)) {
                value = cur.path(field).isNull() ? null : cur.path(field).asText(null);
            } else {
                value = d.declared.getOrDefault(field, tagged.get(field));
                if (value == null && !cur.path(field).isNull()) {
                    value = cur.path(field).asText(null);
                }
            }
            if (value == null) {
                doc.putNull(field);
            } else {
                doc.put(field, value);
            }
        }
        ObjectNode tags = doc.putObject("tags");
        new java.util.TreeMap<>(d.tags).forEach(tags::put);
        ArrayNode rels = doc.putArray("relationships");
        d.relationships.stream()
                .sorted(java.util.Comparator.comparing(AssetDraft.Relationship::kind)
                        .thenComparing(AssetDraft.Relationship::target))
                .forEach(r -> rels.addObject().put("type", r.kind()).put("target", r.target()));
        doc.put("internet_exposed", cur.path("internet_exposed").asBoolean(false));
        doc.set("exposure_reasons", cur.path("exposure_reasons").deepCopy());
        doc.set("quarantine", cur.path("quarantine").deepCopy());
        doc.set("attributes", d.attributes);
        doc.set("configuration", d.configuration);
        return AssetDocument.complete(doc);
    }

    private static void text(ObjectNode doc, String field, String value, JsonNode current) {
        if (value != null) {
            doc.put(field, value);
        } else if (current.hasNonNull(field)) {
            doc.put(field, current.get(field).asText());
        } else {
            doc.putNull(field);
        }
    }
}
