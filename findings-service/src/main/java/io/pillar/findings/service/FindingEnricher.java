package io.pillar.findings.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.contracts.inventory.v1.ResourceRef;
import io.pillar.findings.inventory.InventoryClient;
import io.pillar.findings.mapping.RiskScore;
import io.pillar.findings.repository.bulk.EnrichmentRepository;
import io.pillar.findings.repository.bulk.FindingWriter;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * In the background, findings that are new or whose resources changed have their resources resolved to inventory
 * assets (one batch call for up to 500 findings; unknown resources are registered there as unclassified) and their
 * risk scored ({@link RiskScore}). No lock is held while the inventory answers and a round takes one batch every two
 * seconds: 500 findings when ingestion is quiet (scores follow a large import at about 250 findings/s), 25 while
 * findings are coming in, so that this background work neither holds up ingestion nor waits for it to end.
 * When the inventory cannot be reached the findings wait for the next round.
 */
@ApplicationScoped
public class FindingEnricher {
    private static final Logger LOG = Logger.getLogger(FindingEnricher.class);
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int BATCH = 500;
    private static final int BATCH_WHILE_INGESTING = 25;

    @ConfigProperty(name = "pillar.findings.enrichment.enabled", defaultValue = "true")
    boolean enabled;
    @Inject
    EnrichmentRepository repository;
    @Inject
    Instance<InventoryClient> inventory;
    @Inject
    IngestActivity activity;
    @Inject
    SubscriptionMatcher subscriptions;
    @Inject
    io.pillar.findings.repository.FindingRepository findings;
    @Inject
    FindingWriter writer;
    @Inject
    Outbox outbox;

    @Scheduled(every = "2s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void enrich() {
        if (!enabled) {
            return;
        }
        // ingestion is what people wait for: while findings come in, only a trickle (never nothing)
        int size = activity.quietFor(Duration.ofSeconds(10)) ? BATCH : BATCH_WHILE_INGESTING;
        try {
            enrichBatch(size);
        } catch (Exception e) {
            LOG.warnf("findings not enriched yet (the inventory may be unreachable), retrying: %s", e.getMessage());
        }
    }

    private int enrichBatch(int size) throws Exception {
        List<EnrichmentRepository.Pending> pending = QuarkusTransaction.requiringNew()
                .call(() -> repository.pending(size));
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Integer> position = new LinkedHashMap<>();
        List<ResourceRef> refs = new ArrayList<>();
        Map<java.util.UUID, List<String>> uidsOf = new LinkedHashMap<>();
        for (EnrichmentRepository.Pending p : pending) {
            List<String> uids = new ArrayList<>();
            for (JsonNode r : JSON.readTree(p.resourcesJson() == null ? "[]" : p.resourcesJson())) {
                String uid = r.path("uid").asText("");
                if (uid.isBlank() || uid.length() > 2048) {
                    continue;
                }
                uids.add(uid);
                if (!position.containsKey(uid)) {
                    position.put(uid, refs.size());
                    refs.add(ResourceRef.newBuilder().setIdentifier(uid).setType(r.path("type").asText(""))
                            .build());
                }
            }
            uidsOf.put(p.id(), uids);
        }
        List<Asset> assets = refs.isEmpty() ? List.of() : inventory.get().resolve(refs);
        List<EnrichmentRepository.Enriched> out = new ArrayList<>();
        Map<java.util.UUID, List<Map<String, String>>> tagsOf = new LinkedHashMap<>();
        for (EnrichmentRepository.Pending p : pending) {
            List<Asset> mine = uidsOf.get(p.id()).stream().map(u -> assets.get(position.get(u))).toList();
            tagsOf.put(p.id(), mine.stream().map(Asset::getTagsMap).filter(t -> !t.isEmpty()).toList());
            RiskScore.Scored scored = RiskScore.of(p.severityId(), mine);
            out.add(new EnrichmentRepository.Enriched(p.id(), p.resourcesJson(),
                    mine.stream().map(a -> java.util.UUID.fromString(a.getId())).distinct()
                            .toArray(java.util.UUID[]::new),
                    scored.score(), scored.factors().toString()));
        }
        int events = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            repository.write(out, now);
            return announce(tagsOf, now);
        });
        return pending.size();
    }

    /**
     * Each finding that now has assets is announced as updated on pillar.findings.events (so that whoever waits for its
     * assets, such as the response-service's triggers, learns of them), and on the topics of the teams subscribed to
     * its assets' tags.
     */
    private int announce(Map<java.util.UUID, List<Map<String, String>>> tagsOf, Instant now) {
        List<OutboxEvent> rows = new ArrayList<>();
        String type = io.pillar.findings.mapping.FindingEvents.UPDATED;
        for (var e : tagsOf.entrySet()) {
            io.pillar.findings.Finding f = findings.findById(e.getKey());
            if (f == null || f.assetIds == null || f.assetIds.length == 0) {
                continue;
            }
            String payload = io.pillar.findings.mapping.FindingEvents.cloudEvent(type,
                    io.pillar.findings.mapping.FindingEvents.of(f), now);
            rows.add(OutboxEvent.of(io.pillar.contracts.Topic.FINDINGS_EVENTS.topicName(), f.id.toString(), type,
                    payload));
            if (e.getValue().isEmpty()) {
                continue;
            }
            for (String topic : subscriptions.topicsForAssets(f.team, f.severityId, f.status, f.product,
                    f.compliance, e.getValue())) {
                rows.add(OutboxEvent.of(topic, f.id.toString(), type, payload));
            }
        }
        outbox.add(rows);
        return rows.size();
    }
}
