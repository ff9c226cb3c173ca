package io.pillar.findings.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pillar.contracts.Topic;
import io.pillar.findings.Finding;
import io.pillar.findings.FindingHistory;
import io.pillar.findings.mapping.FindingDetail;
import io.pillar.findings.mapping.FindingEvents;
import io.pillar.findings.mapping.FindingMapper;
import io.pillar.findings.mapping.FindingRows;
import io.pillar.findings.repository.FindingHistoryRepository;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.findings.repository.bulk.FindingWriter;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.platform.security.Caller;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reading one finding and moving it through the workflow: every change is kept in its history and announced on
 * pillar.findings.events (and the team topics subscribed), in the same transaction.
 */
@ApplicationScoped
public class FindingWorkflow {
    /**
     * What analysts may ask for; risk_accepted, and a suppression or false positive longer than the maximum, are
     * requests until a second person approves them.
     */
    public static final Set<String> SETTABLE = Set.of("new", "triaged", "in_progress", "resolved", "suppressed",
            "false_positive", "risk_accepted");
    /** Statuses that hold only until their expiry, after which the finding is new again. */
    public static final Set<String> EXPIRING = Set.of("suppressed", "risk_accepted", "false_positive");
    /** Statuses that need an expiry (a false positive may have one). */
    private static final Set<String> NEED_EXPIRY = Set.of("suppressed", "risk_accepted");
    public static final String EXPIRY_ACTOR = "pillar:expiry";

    @Inject
    FindingRepository findings;
    @Inject
    FindingHistoryRepository history;
    @Inject
    FindingWriter writer;
    @Inject
    SubscriptionMatcher subscriptions;
    @Inject
    Outbox outbox;
    /** How long a suppression or false positive may last on one person's word; longer needs a second person. */
    @ConfigProperty(name = "pillar.findings.workflow.max-without-approval", defaultValue = "90d")
    Duration maxWithoutApproval;

    /** The finding with its history, if it exists and the caller's teams may see it. */
    @Transactional
    public Optional<FindingDetail> get(UUID id, SecurityIdentity caller) {
        return visible(id, caller).map(f -> new FindingDetail(FindingMapper.toView(f), changes(f.id),
                correlated(f, caller)));
    }

    /**
     * Sets a finding's status with a reason.
     *
     * @return the finding afterwards, empty when it does not exist or is not the caller's to see
     * @throws IllegalArgumentException for a status that cannot be set, or a missing reason
     */
    public Optional<FindingDetail> setStatus(UUID id, String status, String reason, Instant expiresAt,
            SecurityIdentity caller) {
        return setStatus(id, status, reason, expiresAt, caller.getPrincipal().getName(), Caller.clientOf(caller),
                caller);
    }

    /**
     * A status change by another service ({@code client}, its token's client) acting for a principal
     * ({@code actor}); services see every team.
     */
    public Optional<FindingDetail> setStatusFor(UUID id, String status, String reason, Instant expiresAt,
            String actor, String client) {
        return setStatus(id, status, reason, expiresAt, actor, client, null);
    }

    @Transactional
    public Optional<FindingDetail> getFor(UUID id) {
        return findings.findByIdOptional(id).map(f -> new FindingDetail(FindingMapper.toView(f), changes(f.id)));
    }

    private Optional<FindingDetail> setStatus(UUID id, String status, String reason, Instant expiresAt,
            String actor, String client, SecurityIdentity caller) {
        if (!SETTABLE.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + SETTABLE + ", was " + status);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why the status changes");
        }
        if (EXPIRING.contains(status) && (NEED_EXPIRY.contains(status) || expiresAt != null)) {
            if (expiresAt == null) {
                throw new IllegalArgumentException("expires_at is required for " + status
                        + ": say until when (an ISO-8601 instant)");
            }
            if (!expiresAt.isAfter(Instant.now())) {
                throw new IllegalArgumentException("expires_at must be in the future, was " + expiresAt);
            }
        } else if (expiresAt != null) {
            throw new IllegalArgumentException("expires_at applies to suppressed, false_positive and risk_accepted "
                    + "only");
        }
        Optional<FindingDetail> result = needsApproval(status, expiresAt)
                ? requestApproval(id, status, reason.trim(), expiresAt, actor, caller)
                : change(id, status, reason.trim(), expiresAt, actor, client, caller);
        return result;
    }

    /**
     * A risk acceptance always; a suppression or false positive that lasts longer than the maximum (a false positive
     * without expiry lasts for ever). Another service acting for a principal asks like anyone; so does a suppression
     * rule.
     */
    boolean needsApproval(String status, Instant expiresAt) {
        Instant longest = Instant.now().plus(maxWithoutApproval);
        return switch (status) {
            case "risk_accepted" -> true;
            case "suppressed", "false_positive" -> expiresAt == null || expiresAt.isAfter(longest);
            default -> false;
        };
    }

    /** Records who asks for the status, why and until when; it changes only once someone else approves. */
    @Transactional
    Optional<FindingDetail> requestApproval(UUID id, String status, String reason, Instant expiresAt, String actor,
            SecurityIdentity caller) {
        Optional<Finding> found = lockedVisible(id, caller);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Finding f = found.get();
        if (status.equals(f.status) && java.util.Objects.equals(f.statusExpiresAt, expiresAt)) {
            throw new IllegalArgumentException("the finding is already " + status
                    + (expiresAt == null ? "" : ", until " + f.statusExpiresAt));
        }
        Instant now = Instant.now();
        f.riskRequestStatus = "risk_accepted".equals(status) ? null : status;
        f.riskRequestedBy = actor;
        f.riskRequestedAt = now;
        f.riskRequestReason = reason;
        f.riskRequestExpiresAt = expiresAt;
        f.updatedAt = now;
        record(f, now, actor, "risk_accepted".equals(status) ? "risk_acceptance_requested" : "approval_requested",
                f.status, f.status, reason + " (" + status + (expiresAt == null ? "" : " until " + expiresAt) + ")");
        findings.flush();
        return Optional.of(new FindingDetail(FindingMapper.toView(f), changes(f.id)));
    }

    /**
     * Approves or rejects the pending risk acceptance; the approver must not be who asked for it.
     *
     * @return empty when the finding does not exist or is not the caller's to see
     */
    public Optional<FindingDetail> decideRiskAcceptance(UUID id, boolean approve, String reason,
            SecurityIdentity caller) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why you approve or reject");
        }
        Optional<FindingDetail> result = decide(id, approve, reason.trim(), caller);
        return result;
    }

    @Transactional
    Optional<FindingDetail> decide(UUID id, boolean approve, String reason, SecurityIdentity caller) {
        Optional<Finding> found = lockedVisible(id, caller);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Finding f = found.get();
        if (f.riskRequestedBy == null) {
            throw new WorkflowConflict("no request (risk acceptance, long suppression or false positive) is waiting "
                    + "for a decision on this finding");
        }
        String actor = caller.getPrincipal().getName();
        if (actor.equals(f.riskRequestedBy)) {
            throw new ForbiddenException(
                    "the approver must be someone other than the requester (" + f.riskRequestedBy + ")");
        }
        Instant now = Instant.now();
        String requested = "requested by " + f.riskRequestedBy + ": " + f.riskRequestReason;
        Instant until = f.riskRequestExpiresAt;
        String status = f.riskRequestStatus == null ? "risk_accepted" : f.riskRequestStatus;
        boolean risk = "risk_accepted".equals(status);
        f.riskRequestStatus = null;
        f.riskRequestedBy = null;
        f.riskRequestedAt = null;
        f.riskRequestReason = null;
        f.riskRequestExpiresAt = null;
        if (!approve) {
            f.updatedAt = now;
            record(f, now, actor, risk ? "risk_acceptance_rejected" : "approval_rejected", f.status, f.status,
                    reason + " (" + status + " " + requested + ")");
            findings.flush();
            return Optional.of(new FindingDetail(FindingMapper.toView(f), changes(f.id)));
        }
        if (until != null && !until.isAfter(now)) {
            throw new WorkflowConflict("the requested " + status + " expired at " + until + "; ask again");
        }
        return Optional.of(apply(f, status, "approved by " + actor + ": " + reason + " (" + requested + ")", until,
                actor, Caller.clientOf(caller), now));
    }

    @Transactional
    Optional<FindingDetail> change(UUID id, String status, String reason, Instant expiresAt, String actor,
            String client, SecurityIdentity caller) {
        Optional<Finding> found = lockedVisible(id, caller);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Finding f = found.get();
        if (f.status.equals(status) && java.util.Objects.equals(f.statusExpiresAt, expiresAt)) {
            throw new IllegalArgumentException("the finding is already " + status);
        }
        return Optional.of(apply(f, status, reason, expiresAt, actor, client, Instant.now()));
    }

    /** Suppressions and risk acceptances whose time is up: the findings are new again, for someone to look at. */
    @Transactional
    public int expire(Instant now, int limit) {
        List<Finding> due = findings.expiredLocked(now, EXPIRING, limit);
        for (Finding f : due) {
            apply(f, "new", f.status + " expired at " + f.statusExpiresAt, null, EXPIRY_ACTOR, null, now);
        }
        return due.size();
    }

    /**
     * Sets the status, keeps the change in the history and writes its event to the outbox (caller's transaction).
     *
     * @param client the OAuth client of the actor's token, null for the platform's own changes
     */
    FindingDetail apply(Finding f, String status, String reason, Instant expiresAt, String actor, String client,
            Instant now) {
        record(f, now, actor, "status_changed", f.status, status, reason);
        f.status = status;
        f.statusReason = reason;
        f.statusChangedBy = actor;
        f.statusChangedAt = now;
        f.statusExpiresAt = expiresAt;
        f.updatedAt = now;
        String type = status.equals("resolved") ? FindingEvents.RESOLVED : FindingEvents.STATUS_CHANGED;
        String payload = FindingEvents.cloudEvent(type, FindingEvents.of(f), now);
        List<OutboxEvent> rows = new java.util.ArrayList<>();
        rows.add(OutboxEvent.of(Topic.FINDINGS_EVENTS.topicName(), f.id.toString(), type, payload));
        for (String topic : subscriptions.topicsFor(f.team, f.severityId, f.status, f.product, f.compliance)) {
            rows.add(OutboxEvent.of(topic, f.id.toString(), type, payload));
        }
        rows.add(AuditEvents.success("findings-service", actor, client, "finding.status_changed",
                "finding/" + f.id, null, io.pillar.platform.json.Json.MAPPER.createObjectNode().put("status", status)
                        .put("reason", reason),
                now));
        findings.flush();
        outbox.add(rows);
        return new FindingDetail(FindingMapper.toView(f), changes(f.id));
    }

    private void record(Finding f, Instant now, String actor, String change, String from, String to, String reason) {
        FindingHistory h = new FindingHistory();
        h.findingId = f.id;
        h.at = now;
        h.actor = actor;
        h.change = change;
        h.fromStatus = from;
        h.toStatus = to;
        h.reason = reason;
        history.persist(h);
    }

    /** The caller-visible findings of other tools with the same correlation key. */
    private List<FindingDetail.Correlated> correlated(Finding f, SecurityIdentity caller) {
        if (f.correlationKey == null) {
            return List.of();
        }
        Caller c = Caller.of(caller);
        return findings.correlatedWith(f, 100)
                .stream().filter(o -> c.reads(o.team))
                .map(o -> new FindingDetail.Correlated(o.id, o.product, o.status,
                        io.pillar.findings.parser.Severity.label(o.severityId)))
                .toList();
    }

    /** The finding, locked until the transaction ends, if the caller may see it; refused if not to change. */
    private Optional<Finding> lockedVisible(UUID id, SecurityIdentity caller) {
        Optional<Finding> found = visible(id, caller);
        found.ifPresent(f -> {
            if (caller != null && !Caller.of(caller).changes(f.team)) {
                throw new ForbiddenException("only members of the finding's team (or admins) may change it");
            }
            findings.lock(f);
        });
        return found;
    }

    /** The finding if the caller may see it; a null caller is another service, which sees every team. */
    /** The scanner's record a finding the caller sees was last reported with (secrets already left out by parsers). */
    public record Raw(byte[] content, String sha256) {
    }

    @Transactional
    public Optional<Raw> raw(UUID id, SecurityIdentity caller) {
        return visible(id, caller).map(f -> {
            FindingRepository.RawRecord r = findings.raw(f.id);
            return r == null ? new Raw(null, null) : new Raw(FindingRows.inflate(r.deflated()), r.sha256());
        });
    }

    private Optional<Finding> visible(UUID id, SecurityIdentity caller) {
        Optional<Finding> f = findings.findByIdOptional(id);
        return caller == null ? f : f.filter(x -> Caller.of(caller).reads(x.team));
    }

    private List<FindingDetail.Change> changes(UUID findingId) {
        return history.of(findingId).stream().map(h -> new FindingDetail.Change(h.at, h.actor, h.change,
                h.fromStatus, h.toStatus, h.reason)).toList();
    }
}
