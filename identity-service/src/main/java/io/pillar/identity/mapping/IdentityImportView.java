package io.pillar.identity.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;

import io.pillar.identity.IdentityImport;
import io.pillar.identity.parser.IdentityReport.Rejection;
import io.pillar.platform.json.Json;

/** An identity import as the API shows it, shaped like a findings import (JSON in snake_case). */
public record IdentityImportView(UUID id, String status, String format, String account, String team, int received,
        int created, int updated, int unchanged, int removed, int rejected, List<Rejection> errors,
        List<String> warnings, int findings, int resolved, String requestedBy, Instant startedAt,
        Instant finishedAt) {

    public static IdentityImportView of(IdentityImport j) {
        try {
            return new IdentityImportView(j.id, j.status, j.format, j.account, j.team, j.received, j.created,
                    j.updated, j.unchanged, j.removed, j.rejected,
                    Json.SNAKE_CASE.readValue(j.errors, new TypeReference<List<Rejection>>() {
                    }), Json.MAPPER.readValue(j.warnings, new TypeReference<List<String>>() {
                    }), j.findings, j.resolved, j.requestedBy, j.startedAt, j.finishedAt);
        } catch (Exception e) {
            throw new IllegalStateException("import " + j.id + " is not readable", e);
        }
    }
}
