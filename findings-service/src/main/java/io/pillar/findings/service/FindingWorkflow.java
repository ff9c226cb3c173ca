package io.pillar.findings.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.Roles;
import io.pillar.contracts.Topic;
import io.pillar.findings.Finding;
import io.pillar.findings.FindingHistory;
import io.pillar.findings.mapping.FindingDetail;
import io.pillar.findings.mapping.FindingEvents;
import io.pillar.findings.mapping.FindingMapper;
import io.pillar.findings.repository.FindingHistoryRepository;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.findings.repository.FindingWriter;
import io.pillar.findings.repository.FindingWriter.OutboxRow;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reading one finding and moving it through the workflow: every change is kept in its history and announced on
 * pillar.findings.events (and the team topics subscribed), in the same transaction.
 */
@ApplicationScoped
public class FindingWorkflow {
    /** What analysts may set here; risk acceptance (approver and expiry) comes with its own flow. */
    public static final Set<String> SETTABLE = Set.of("new", "triaged", "in_progress", "resolved", "suppressed",
            "false_positive");
    private static final Set<String> SEE_ALL_TEAMS = Set.of(Roles.ADMIN, Roles.AUDITOR, Roles.INTEGRATION);

    @Inject
    FindingRepository findings;
    @Inject
    FindingHistoryRepository history;
    @Inject
    FindingWriter writer;
    @Inject
    SubscriptionMatcher subscriptions;
    @Inject
    Event<OutboxWritten> outboxWritten;

    /** The finding with its history, if it exists and the caller's teams may see it. */
    @Transactional
    public Optional<FindingDetail> get(UUID id, SecurityIdentity caller) {
        return visible(id, caller).map(f -> new FindingDetail(FindingMapper.toView(f), changes(f.id)));
    }

    /**
     * Sets a finding's status with a reason.
     *
     * @return the finding afterwards, empty when it does not exist or is not the caller's to see
     * @throws IllegalArgumentException for a status that cannot be set, or a missing reason
     */
    public Optional<FindingDetail> setStatus(UUID id, String status, String reason, SecurityIdentity caller) {
        if (!SETTABLE.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + SETTABLE + ", was " + status);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why the status changes");
        }
        Optional<FindingDetail> result = change(id, status, reason.trim(), caller);
        result.ifPresent(r -> outboxWritten.fireAsync(new OutboxWritten(1)));
        return result;
    }

    @Transactional
    Optional<FindingDetail> change(UUID id, String status, String reason, SecurityIdentity caller) {
        Optional<Finding> found = visible(id, caller);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Finding f = found.get();
        findings.getEntityManager().lock(f, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (f.status.equals(status)) {
            throw new IllegalArgumentException("the finding is already " + status);
        }
        Instant now = Instant.now();
        String actor = caller.getPrincipal().getName();
        FindingHistory h = new FindingHistory();
        h.findingId = f.id;
        h.at = now;
        h.actor = actor;
        h.change = "status_changed";
        h.fromStatus = f.status;
        h.toStatus = status;
        h.reason = reason;
        history.persist(h);
        f.status = status;
        f.statusReason = reason;
        f.statusChangedBy = actor;
        f.statusChangedAt = now;
        f.updatedAt = now;
        String type = status.equals("resolved") ? FindingEvents.RESOLVED : FindingEvents.STATUS_CHANGED;
        String payload = FindingEvents.cloudEvent(type, FindingEvents.of(f), now);
        List<OutboxRow> rows = new java.util.ArrayList<>();
        rows.add(new OutboxRow(Topic.FINDINGS_EVENTS.topicName(), f.id.toString(), type, payload));
        for (String topic : subscriptions.topicsFor(f.team, f.severityId, f.status, f.product, f.compliance)) {
            rows.add(new OutboxRow(topic, f.id.toString(), type, payload));
        }
        findings.flush();
        writer.outbox(rows);
        return Optional.of(new FindingDetail(FindingMapper.toView(f), changes(f.id)));
    }

    private Optional<Finding> visible(UUID id, SecurityIdentity caller) {
        Optional<Finding> f = findings.findByIdOptional(id);
        if (f.isEmpty() || SEE_ALL_TEAMS.stream().anyMatch(caller::hasRole)) {
            return f;
        }
        return f.filter(x -> x.team != null && Teams.of(caller).contains(x.team));
    }

    private List<FindingDetail.Change> changes(UUID findingId) {
        return history.of(findingId).stream().map(h -> new FindingDetail.Change(h.at, h.actor, h.change,
                h.fromStatus, h.toStatus, h.reason)).toList();
    }
}
