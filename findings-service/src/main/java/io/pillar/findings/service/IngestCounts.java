package io.pillar.findings.service;

import java.util.ArrayList;
import java.util.List;

/** What an ingest did, record by record. received = created + updated + unchanged + rejected. */
public final class IngestCounts {
    /** Rejected records beyond this many are counted but not listed. */
    public static final int MAX_LISTED_ERRORS = 1_000;

    public record Rejection(long index, String reason) {
    }

    public int received;
    public int created;
    public int updated;
    public int unchanged;
    public int resolved;
    public int rejected;
    public final List<Rejection> errors = new ArrayList<>();

    /** A copy, to remember what committed batches did. */
    IngestCounts copy() {
        IngestCounts c = new IngestCounts();
        c.received = received;
        c.created = created;
        c.updated = updated;
        c.unchanged = unchanged;
        c.resolved = resolved;
        c.rejected = rejected;
        c.errors.addAll(errors);
        return c;
    }

    void reject(long index, String reason) {
        received++;
        rejected++;
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(new Rejection(index, reason));
        }
    }
}
