package io.pillar.identity.mapping;

import java.time.Instant;

/** What an auditor looks for in the ledger: each part optional; a value ending in {@code *} matches as a prefix. */
public record AuditFilter(String actor, String action, String target, String outcome, Instant since, Instant until) {
}
