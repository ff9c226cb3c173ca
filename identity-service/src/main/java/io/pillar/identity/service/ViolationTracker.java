package io.pillar.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.identity.IdentityViolation;
import io.pillar.identity.checks.CheckInfo;
import io.pillar.identity.checks.IdentityChecks;
import io.pillar.identity.checks.Violation;
import io.pillar.identity.mapping.IdentityEvents;
import io.pillar.identity.repository.ViolationRepository;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;

/**
 * The open violations of an account against what the checks find now: a new one is published as a finding, one no
 * longer found as its resolution, one whose detail or severity changed is published again (same finding, updated).
 */
@ApplicationScoped
public class ViolationTracker {
    @Inject
    ViolationRepository open;
    @Inject
    IdentityChecks checks;
    @Inject
    Outbox outbox;

    private static final int OUTBOX_CHUNK = 1_000;

    public record Outcome(int opened, int resolved) {
    }

    public Outcome update(String account, String team, List<Violation> found, Instant now) {
        Map<String, IdentityViolation> before = new HashMap<>();
        open.findOpenByAccount(account).forEach(v -> before.put(v.checkId + " " + v.resource, v));
        List<OutboxEvent> events = new ArrayList<>();
        int opened = 0;
        for (Violation v : found) {
            CheckInfo info = checks.info(v.check());
            String severity = v.severity() != null ? v.severity() : info.severity();
            IdentityViolation row = before.remove(v.check() + " " + v.resource());
            if (row != null && row.detail.equals(v.detail()) && row.severity.equals(severity)
                    && Objects.equals(row.team, team)) {
                continue;
            }
            if (row != null && !Objects.equals(row.team, team)) {
                // the account changed hands: the old team's finding is resolved, the new team's opened
                events.add(IdentityEvents.finding(info, row.severity, account, row.resource, v.resourceType(),
                        "moved to " + AccountTeams.describe(team) + ": " + row.detail, true,
                        row.team, now));
            }
            if (row == null) {
                row = new IdentityViolation();
                row.account = account;
                row.checkId = v.check();
                row.resource = v.resource();
                row.openedAt = now;
                opened++;
            }
            row.team = team;
            row.severity = severity;
            row.detail = v.detail();
            open.persist(row);
            events.add(IdentityEvents.finding(info, severity, account, v.resource(), v.resourceType(), v.detail(),
                    false, team, now));
            flushIfFull(events);
        }
        for (IdentityViolation gone : before.values()) {
            CheckInfo info = checks.checks().getOrDefault(gone.checkId, new CheckInfo(gone.checkId, gone.severity,
                    gone.checkId, gone.detail, "", List.of()));
            events.add(IdentityEvents.finding(info, gone.severity, account, gone.resource, null,
                    "no longer found: " + gone.detail, true, gone.team, now));
            open.delete(gone);
            flushIfFull(events);
        }
        outbox.add(events);
        return new Outcome(opened, before.size());
    }

    /** A large account has tens of thousands of findings: they go to the outbox in chunks, not all held at once. */
    private void flushIfFull(List<OutboxEvent> events) {
        if (events.size() >= OUTBOX_CHUNK) {
            outbox.add(events);
            events.clear();
        }
    }
}
