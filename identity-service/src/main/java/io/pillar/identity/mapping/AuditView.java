package io.pillar.identity.mapping;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A ledger entry as the REST API shows it (JSON in snake_case). */
public record AuditView(long seq, String eventId, Instant occurredAt, String source, String actor, String action,
        String resource, String outcome, String sourceIp, JsonNode details, String prevHash, String hash,
        Instant recordedAt) {
}
