package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.findings.ImportJob;
import io.pillar.platform.json.Json;

/** An import job as the API shows it (JSON in snake_case). */
public record ImportView(UUID id, String status, String format, String scope, String team, int received, int created,
        int updated,
        int unchanged, int resolved, int rejected, List<Rejection> errors, String failure, String requestedBy,
        Instant startedAt, Instant finishedAt) {

    public record Rejection(long index, String reason) {
    }

    private static final ObjectMapper JSON = Json.MAPPER;

    public static ImportView of(ImportJob j) {
        try {
            List<Rejection> errors = JSON.readValue(j.errors, new TypeReference<>() {
            });
            return new ImportView(j.id, j.status, j.format, j.scope, j.team, j.received, j.created, j.updated,
                    j.unchanged,
                    j.resolved, j.rejected, errors, j.failure, j.requestedBy, j.startedAt, j.finishedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import " + j.id + " has unreadable errors", e);
        }
    }
}
