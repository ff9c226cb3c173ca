package io.pillar.findings.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.contracts.Topic;
import io.pillar.findings.mapping.FindingEvents;
import io.pillar.findings.mapping.FindingRows;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.repository.FindingRow;
import io.pillar.findings.repository.bulk.FindingWriter;
import io.pillar.findings.repository.bulk.FindingWriter.Existing;
import io.pillar.findings.repository.bulk.FindingWriter.HistoryRow;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;

/**
 * Deduplicates normalized findings into the findings table, batch by batch, each inside the caller's transaction: a
 * finding is its team's (or of no team) and its fingerprint; a new one is created; a known one is unchanged (only last seen moves), updated (new content) or changes status
 * (a resolved finding reported again is reopened; one the source reports fixed is resolved). Each change writes its
 * history and its event to the outbox in the same transaction.
 */
@ApplicationScoped
public class FindingIngest {
    static final int BATCH = 500;

    @Inject
    FindingWriter writer;
    @Inject
    Outbox outbox;
    @Inject
    BestPractices bestPractices;
    @Inject
    SubscriptionMatcher subscriptions;
    @Inject
    SuppressionRules suppressionRules;

    /**
     * A normalized finding with its row computed, ready to write; made on the parsing thread. With a session, also its
     * id and its "created" event, used if it turns out new and nothing changes its status on the way.
     */
    public record Prepared(NormalizedFinding finding, FindingRow row, String createdEvent) {
    }

    /** Computes what can be computed away from the database: best practices, content hash, deflated raw record. */
    public Prepared prepare(NormalizedFinding f, String scope, String team) {
        return new Prepared(f, FindingRows.of(f, bestPractices.of(f), scope, team), null);
    }

    /** {@link #prepare(NormalizedFinding, String, String)}, plus the event the session writes if the finding is new. */
    public Prepared prepare(NormalizedFinding f, Session session) {
        FindingRow row = FindingRows.withNewId(prepare(f, session.scope(), session.team()).row());
        return new Prepared(f, row, FindingEvents.cloudEvent(FindingEvents.CREATED,
                FindingEvents.of(row, session.now(), session.importId()), session.now()));
    }

    /**
     * One ingest: writes batches of prepared findings, each in the caller's transaction (one or several batches per
     * transaction), and counts what happened. Not thread-safe: call it from one thread at a time.
     */
    public final class Session {
        private final UUID importId;
        private final String scope;
        private final String team;
        private final String actor;
        private final Instant now = Instant.now();
        private final IngestCounts counts = new IngestCounts();
        private final Set<UUID> reported = new HashSet<>();
        private final List<SuppressionRules.Rule> rules;
        private int events;

        Session(UUID importId, String scope, String team, String actor, List<SuppressionRules.Rule> rules) {
            this.importId = importId;
            this.scope = scope;
            this.team = team;
            this.actor = actor;
            this.rules = rules;
        }

        /** The first active suppression rule matching a finding that is new or comes back, if any. */
        private SuppressionRules.Rule suppressing(FindingRow row) {
            for (SuppressionRules.Rule r : rules) {
                if (r.matches(row)) {
                    return r;
                }
            }
            return null;
        }

        public void reject(long index, String reason) {
            counts.reject(index, reason);
        }

        public IngestCounts counts() {
            return counts;
        }

        public int events() {
            return events;
        }

        public Instant now() {
            return now;
        }

        public String scope() {
            return scope;
        }

        public UUID importId() {
            return importId;
        }

        /** Whether this ingest reported the finding. */
        public boolean reported(UUID findingId) {
            return reported.contains(findingId);
        }

        public String team() {
            return team;
        }

        /** Writes one batch (at most {@link FindingIngest#BATCH} findings are best) in the caller's transaction. */
        public void write(List<Prepared> batch) {
            if (batch.isEmpty()) {
                return;
            }
            writer.lockImports();
            Map<String, List<Prepared>> byKey = new LinkedHashMap<>();
            Set<String> fingerprints = new HashSet<>();
            for (Prepared p : batch) {
                byKey.computeIfAbsent(FindingWriter.key(p.row().team(), p.row().fingerprint()),
                        k -> new ArrayList<>()).add(p);
                fingerprints.add(p.row().fingerprint());
            }
            Map<String, Existing> existing = writer.lockExisting(fingerprints);
            List<FindingRow> inserts = new ArrayList<>();
            List<FindingRow> updates = new ArrayList<>();
            Map<UUID, Integer> touched = new HashMap<>();
            Map<UUID, Integer> seen = new HashMap<>();
            Map<UUID, String> changedBy = new HashMap<>();
            List<HistoryRow> history = new ArrayList<>();
            List<OutboxEvent> outbox = new ArrayList<>();
            Set<UUID> batchIds = new LinkedHashSet<>();
            Map<UUID, SuppressionRules.Rule> suppressedByRule = new HashMap<>();
            for (var group : byKey.entrySet()) {
                Existing current = existing.get(group.getKey());
                FindingRow written = null;
                String eventType = null;
                boolean isNew = current == null;
                for (Prepared prepared : group.getValue()) {
                    NormalizedFinding f = prepared.finding();
                    counts.received++;
                    FindingRow row = prepared.row();
                    if (current == null) {
                        row = row.id() == null ? FindingRows.withNewId(row) : row;
                        counts.created++;
                        eventType = FindingEvents.CREATED;
                        // creation needs no history row: created_at and the import link record it
                        SuppressionRules.Rule rule = "new".equals(row.status()) ? suppressing(row) : null;
                        if (rule != null) {
                            row = row.withStatus(rule.status());
                            suppressedByRule.put(row.id(), rule);
                            history.add(new HistoryRow(row.id(), now, rule.actor(), "status_changed", "new",
                                    rule.status(), rule.statusReason()));
                        }
                    } else {
                        String next = nextStatus(current.status(), f.sourceStatus());
                        boolean statusChanged = !next.equals(current.status());
                        boolean contentChanged = !row.contentHash().equals(current.contentHash());
                        row = row.withId(current.id()).withStatus(next);
                        SuppressionRules.Rule rule = "resolved".equals(current.status()) && "new".equals(next)
                                ? suppressing(row)
                                : null;
                        if (rule != null) {
                            next = rule.status();
                            row = row.withStatus(next);
                            suppressedByRule.put(row.id(), rule);
                        }
                        if (!statusChanged && !contentChanged) {
                            counts.unchanged++;
                        } else {
                            counts.updated++;
                            if (statusChanged) {
                                changedBy.put(row.id(), actor);
                                history.add(new HistoryRow(row.id(), now, actor,
                                        next.equals("resolved")
                                                ? "resolved"
                                                : current.status().equals("resolved")
                                                        ? "reopened"
                                                        : "status_changed",
                                        current.status(), next, suppressedByRule.containsKey(row.id())
                                                ? suppressedByRule.get(row.id()).statusReason()
                                                : reason(next, f)));
                                eventType = next.equals("resolved")
                                        ? FindingEvents.RESOLVED
                                        : FindingEvents.STATUS_CHANGED;
                            } else if (eventType == null || eventType.equals(FindingEvents.UPDATED)) {
                                eventType = FindingEvents.UPDATED;
                            }
                        }
                    }
                    current = new Existing(row.id(), row.status(), row.contentHash(), row.team());
                    written = row;
                    seen.merge(row.id(), 1, Integer::sum);
                }
                batchIds.add(written.id());
                if (isNew) {
                    inserts.add(written);
                    // repeats of a new finding within one report count as occurrences
                    if (seen.get(written.id()) > 1) {
                        touched.put(written.id(), seen.get(written.id()) - 1);
                    }
                } else if (eventType != null) {
                    updates.add(written);
                } else {
                    touched.put(written.id(), seen.get(written.id()));
                }
                if (eventType != null) {
                    Prepared only = group.getValue().size() == 1 ? group.getValue().get(0) : null;
                    boolean asPrepared = isNew && only != null && only.createdEvent() != null
                            && only.row().status().equals(written.status());
                    String payload = asPrepared
                            ? only.createdEvent()
                            : FindingEvents.cloudEvent(eventType, FindingEvents.of(written, now, importId), now);
                    outbox.add(OutboxEvent.of(Topic.FINDINGS_EVENTS.topicName(), written.id().toString(), eventType,
                            payload));
                    for (String teamTopic : subscriptions.topicsFor(written.team(), written.severityId(),
                            written.status(), written.product(), written.compliance())) {
                        outbox.add(OutboxEvent.of(teamTopic, written.id().toString(), eventType, payload));
                    }
                }
            }
            writer.insert(inserts, importId, now);
            writer.update(updates, seen, changedBy, importId, now);
            writer.touch(touched, importId, now);
            writer.statusSetByRules(suppressedByRule.entrySet().stream().map(e -> new FindingWriter.RuleStatus(
                    e.getKey(), e.getValue().statusReason(), e.getValue().actor(), e.getValue().expiresAt()))
                    .toList(), now);
            // a finding repeated in a later batch of the same report is linked once
            writer.linkImport(importId, batchIds.stream().filter(reported::add).toList());
            writer.history(history);
            FindingIngest.this.outbox.add(outbox);
            events += outbox.size();
        }

    }

    public Session open(UUID importId, String scope, String team, String actor) {
        return new Session(importId, scope, team, actor, suppressionRules.active(Instant.now()));
    }

    /**
     * The status after the source reported a finding again: a fix reported by the source resolves it; a finding that
     * comes back after being resolved is reopened; a suppression in the tool applies to a new finding; otherwise the
     * analysts' status stays.
     */
    static String nextStatus(String current, String reported) {
        if (NormalizedFinding.RESOLVED.equals(reported)) {
            return "resolved";
        }
        if ("resolved".equals(current)) {
            return NormalizedFinding.SUPPRESSED.equals(reported) ? "suppressed" : "new";
        }
        if ("new".equals(current) && NormalizedFinding.SUPPRESSED.equals(reported)) {
            return "suppressed";
        }
        return current;
    }

    private static String reason(String status, NormalizedFinding f) {
        return switch (status) {
            case "resolved" -> "reported as passed or resolved by " + f.product();
            case "suppressed" -> "suppressed in " + f.product();
            case "new" -> "reported by " + f.product();
            default -> null;
        };
    }
}
