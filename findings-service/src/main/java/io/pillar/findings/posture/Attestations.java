package io.pillar.findings.posture;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.PostureScope;
import io.pillar.findings.mapping.TimeOrderedIds;
import io.pillar.findings.repository.bulk.AttestationRows;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Attestations for best practices no machine observes. Who may attest: whoever may change the scope's team's data
 * (analysts and responders of that team), and admins for organisation, account and tag scopes. An organisation-wide
 * attestation also counts in every narrower scope. Created and revoked with an audit event, in one transaction.
 */
@ApplicationScoped
public class Attestations {
    /** The longest an attestation may run: a statement about people and processes is re-made at least yearly. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);

    public record Attestation(UUID id, String scope, String bestPractice, String status, String statement,
            String owner, String evidenceUrl, Instant expiresAt, String createdBy, Instant createdAt,
            String revokedBy, Instant revokedAt) {

        static Attestation of(AttestationRows.Row r) {
            return new Attestation(r.id(), r.scope(), r.bestPractice(), r.status(), r.statement(), r.owner(),
                    r.evidenceUrl(), r.expiresAt(), r.createdBy(), r.createdAt(), r.revokedBy(), r.revokedAt());
        }

        AttestationRows.Row row() {
            return new AttestationRows.Row(id, scope, bestPractice, status, statement, owner, evidenceUrl, expiresAt,
                    createdBy, createdAt, revokedBy, revokedAt);
        }

        public boolean inForce(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }

        public ObjectNode view(Instant now) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("id", id.toString()).put("scope", scope).put("best_practice", bestPractice).put("status", status)
                    .put("statement", statement).put("owner", owner).put("evidence_url", evidenceUrl)
                    .put("expires_at", expiresAt.toString()).put("created_by", createdBy)
                    .put("created_at", createdAt.toString()).put("in_force", inForce(now))
                    .put("expired", revokedAt == null && !expiresAt.isAfter(now));
            if (revokedAt != null) {
                n.put("revoked_by", revokedBy).put("revoked_at", revokedAt.toString());
            }
            return n;
        }
    }

    public record NewAttestation(String scope, String bestPractice, String status, String statement, String owner,
            String evidenceUrl, String expiresAt) {
    }

    @Inject
    AttestationRows rows;
    @Inject
    Outbox outbox;

    private final FrameworkCatalog catalog = FrameworkCatalog.inForce();

    public Attestation create(NewAttestation body, Caller caller, Instant now) {
        if (body == null) {
            throw new IllegalArgumentException("body: an attestation is required");
        }
        PostureScope scope = PostureScope.parse(required(body.scope(), "scope"));
        String practice = required(body.bestPractice(), "best_practice");
        if (!catalog.practices().containsKey(practice)) {
            throw new IllegalArgumentException("best_practice: not a best practice of catalog " + catalog.version()
                    + ": " + practice);
        }
        String status = body.status() == null ? "met" : body.status();
        if (!status.equals(PostureRules.MET) && !status.equals(PostureRules.NOT_APPLICABLE)) {
            throw new IllegalArgumentException("status: met or not_applicable, not " + status);
        }
        String statement = required(body.statement(), "statement");
        if (statement.length() > 4000) {
            throw new IllegalArgumentException("statement: at most 4000 characters");
        }
        String owner = required(body.owner(), "owner");
        if (owner.length() > 200) {
            throw new IllegalArgumentException("owner: at most 200 characters");
        }
        String evidence = body.evidenceUrl();
        if (evidence != null && !evidence.isBlank()) {
            try {
                URI uri = URI.create(evidence);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null
                        || evidence.length() > 2000) {
                    throw new IllegalArgumentException("not http(s)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("evidence_url: an http or https address, not " + evidence);
            }
        }
        Instant expires;
        try {
            expires = Instant.parse(required(body.expiresAt(), "expires_at"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("expires_at: an ISO-8601 instant, e.g. 2027-06-30T00:00:00Z");
        }
        if (!expires.isAfter(now) || expires.isAfter(now.plus(MAX_VALIDITY))) {
            throw new IllegalArgumentException("expires_at: in the future and at most 366 days away");
        }
        String team = scope.kind().equals(PostureScope.TEAM) ? scope.value() : null;
        PostureService.checkReach(scope, caller);
        if (!caller.changes(team)) {
            throw new ProblemException(403, "Forbidden", team == null
                    ? "only admins attest for the organisation, an account or a tag"
                    : "your role may not attest for team " + team);
        }
        Attestation a = new Attestation(TimeOrderedIds.next(), scope.toString(), practice, status, statement, owner,
                evidence == null || evidence.isBlank() ? null : evidence, expires, caller.name(), now, null, null);
        QuarkusTransaction.requiringNew().run(() -> {
            rows.insert(a.row(), team);
            outbox.add(List.of(AuditEvents.success("findings-service", caller.name(), caller.client(),
                    "attestation.created", "attestation/" + a.id(), null, a.view(now), now)));
        });
        return a;
    }

    /** Revokes one the caller may change; empty when there is none the caller may read. */
    public Optional<Attestation> revoke(UUID id, Caller caller, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Attestation> found = rows.lock(id).map(Attestation::of).filter(a -> caller.reads(teamOf(a)));
            if (found.isEmpty()) {
                return Optional.<Attestation>empty();
            }
            Attestation a = found.get();
            if (!caller.changes(teamOf(a))) {
                throw new ProblemException(403, "Forbidden", "your role may not revoke attestations of " + a.scope());
            }
            if (a.revokedAt() != null) {
                throw new ProblemException(409, "Conflict", "attestation " + id + " was revoked at " + a.revokedAt());
            }
            rows.revoke(id, caller.name(), now);
            Attestation revoked = new Attestation(a.id(), a.scope(), a.bestPractice(), a.status(), a.statement(),
                    a.owner(), a.evidenceUrl(), a.expiresAt(), a.createdBy(), a.createdAt(), caller.name(), now);
            outbox.add(List.of(AuditEvents.success("findings-service", caller.name(), caller.client(),
                    "attestation.revoked", "attestation/" + id, a.view(now), revoked.view(now), now)));
            return Optional.of(revoked);
        });
    }

    /** The attestations of a scope (and the organisation's), newest first, revoked ones included when asked. */
    public List<Attestation> of(PostureScope scope, Caller caller, boolean withRevoked) {
        List<Attestation> out = new ArrayList<>();
        for (AttestationRows.Row r : rows.forScope(scope.toString(), withRevoked)) {
            Attestation a = Attestation.of(r);
            if (caller.reads(teamOf(a)) || a.scope().equals(PostureScope.ORG)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Per best practice, the attestation that counts in the scope: the newest in force, else the newest. */
    public Map<String, Attestation> bearing(PostureScope scope, Caller caller, Instant now) {
        Map<String, Attestation> out = new HashMap<>();
        for (Attestation a : of(scope, caller, false)) {
            Attestation kept = out.get(a.bestPractice());
            if (kept == null || (!kept.inForce(now) && a.inForce(now))) {
                out.put(a.bestPractice(), a);
            }
        }
        return out;
    }

    private static String teamOf(Attestation a) {
        return a.scope().startsWith(PostureScope.TEAM + ":") ? a.scope().substring(5) : null;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.strip();
    }
}
