package io.pillar.findings.posture;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.PostureScope;
import io.pillar.contracts.Topic;
import io.pillar.findings.repository.bulk.FindingEvidence;
import io.pillar.findings.repository.bulk.SnapshotRows;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Daily posture snapshots of the organisation and of every team with findings or attestations, and on each one the
 * changes of status since the scope's previous snapshot, published on {@code pillar.posture.events} through the
 * outbox in the snapshot's transaction. A snapshot is taken at most once per scope and day (several instances may
 * try: the first insert wins, and only it publishes); while another service's evidence is unavailable none is taken,
 * so that a missing answer never reads as a change.
 */
@ApplicationScoped
public class PostureSnapshots {
    private static final Logger LOG = Logger.getLogger(PostureSnapshots.class);
    public static final String STATUS_CHANGED = "io.pillar.posture.status_changed";
    /** The system reads every team's data: it is not a person asking. */
    static final Caller SYSTEM = new Caller("pillar:posture", Set.of(), true, true, false, "findings-service");

    @Inject
    PostureService posture;
    @Inject
    SnapshotRows rows;
    @Inject
    FindingEvidence findings;
    @Inject
    Outbox outbox;

    /** One day's counts per status for a scope, and its open findings by severity. */
    public record Point(LocalDate day, JsonNode summary, JsonNode openFindings) {
    }

    @Scheduled(every = "${pillar.posture.snapshot-check:1h}", delayed = "${pillar.posture.snapshot-delay:2m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void takeTodays() {
        try {
            int taken = takeMissing(LocalDate.now(ZoneOffset.UTC));
            if (taken > 0) {
                LOG.infof("posture snapshots taken: %d", taken);
            }
        } catch (RuntimeException e) {
            LOG.warnf("posture snapshots not taken: %s", e.getMessage());
        }
    }

    /** Takes the day's snapshot of every scope that has none yet; answers how many were taken. */
    public int takeMissing(LocalDate day) {
        int taken = 0;
        for (PostureScope scope : scopes()) {
            if (!rows.has(scope.toString(), day) && take(scope, day)) {
                taken++;
            }
        }
        return taken;
    }

    /** Takes one scope's snapshot of the day; false when another took it first or evidence was missing. */
    public boolean take(PostureScope scope, LocalDate day) {
        Instant now = Instant.now();
        ObjectNode doc = posture.posture(scope, SYSTEM, now);
        if (!doc.path("unavailable").isEmpty()) {
            LOG.warnf("posture snapshot of %s for %s not taken: evidence unavailable from %s", scope, day,
                    doc.get("unavailable"));
            return false;
        }
        return record(scope, day, doc, now);
    }

    /** Keeps a computed posture as the scope's snapshot of the day and publishes its changes; false if one was kept. */
    boolean record(PostureScope scope, LocalDate day, ObjectNode doc, Instant now) {
        ObjectNode practices = Json.MAPPER.createObjectNode();
        Map<String, String> questionOf = new java.util.HashMap<>();
        Map<String, String> titleOf = new java.util.HashMap<>();
        for (JsonNode q : doc.get("questions")) {
            for (JsonNode p : q.get("best_practices")) {
                practices.putObject(p.get("id").asText()).put("status", p.get("status").asText())
                        .set("reasons", p.get("reasons"));
                questionOf.put(p.get("id").asText(), q.get("id").asText());
                titleOf.put(p.get("id").asText(), p.get("title").asText());
            }
        }
        String team = scope.kind().equals(PostureScope.TEAM) ? scope.value() : null;
        String catalog = doc.get("catalog").asText();
        long[] open = findings.openBySeverity(scope, Set.of(), true, List.of());
        ObjectNode openFindings = Json.MAPPER.createObjectNode().put("critical", open[0]).put("high", open[1])
                .put("medium", open[2]).put("low", open[3]);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<SnapshotRows.Day> previous = rows.before(scope.toString(), day);
            if (!rows.insert(scope.toString(), day, team, catalog, now, doc.get("summary"), practices,
                    openFindings)) {
                return false;
            }
            List<OutboxEvent> events = new ArrayList<>();
            if (previous.isPresent()) {
                for (Iterator<String> it = practices.fieldNames(); it.hasNext();) {
                    String bp = it.next();
                    String to = practices.get(bp).get("status").asText();
                    String from = previous.get().practices().path(bp).path("status").asText(null);
                    if (from != null && !from.equals(to)) {
                        ObjectNode data = Json.MAPPER.createObjectNode();
                        data.put("scope", scope.toString()).put("team", team).put("day", day.toString())
                                .put("previous_day", previous.get().day().toString()).put("catalog", catalog)
                                .put("question", questionOf.get(bp)).put("best_practice", bp)
                                .put("title", titleOf.get(bp)).put("from", from).put("to", to)
                                .set("reasons", practices.get(bp).get("reasons"));
                        events.add(OutboxEvent.of(Topic.POSTURE_EVENTS.topicName(), scope.toString(), STATUS_CHANGED,
                                CloudEvent.write(CloudEvent.source("findings-service"), STATUS_CHANGED,
                                        scope + "/" + bp, now, data)));
                    }
                }
            }
            if (!events.isEmpty()) {
                outbox.add(events);
            }
            return true;
        });
    }

    /**
     * Snapshots are kept for the organisation and for teams; the organisation's counts every team's data, so only
     * callers who read every team see its trend. A team's is its readers'.
     */
    public static boolean trendReaches(PostureScope scope, Caller caller) {
        return switch (scope.kind()) {
            case PostureScope.ORG -> caller.visibleTeams() == null;
            case PostureScope.TEAM -> caller.reads(scope.value());
            default -> false;
        };
    }

    /** The scope's daily counts from {@code since} on, oldest first. */
    public List<Point> trend(PostureScope scope, LocalDate since) {
        return rows.since(scope.toString(), since).stream()
                .map(d -> new Point(d.day(), d.summary(), d.openFindings())).toList();
    }

    /** The organisation, and every team with findings or attestations. */
    private List<PostureScope> scopes() {
        List<PostureScope> out = new ArrayList<>();
        out.add(PostureScope.WHOLE_ORGANISATION);
        for (String team : rows.teams()) {
            try {
                out.add(new PostureScope(PostureScope.TEAM, team));
            } catch (IllegalArgumentException e) {
                LOG.debugf("no posture snapshot for %s: %s", team, e.getMessage());
            }
        }
        return out;
    }

    public static ArrayNode points(List<Point> points) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        points.forEach(p -> {
            ObjectNode n = out.addObject().put("day", p.day().toString());
            n.set("summary", p.summary());
            n.set("open_findings", p.openFindings());
        });
        return out;
    }
}
