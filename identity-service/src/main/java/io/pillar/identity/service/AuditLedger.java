package io.pillar.identity.service;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.identity.AuditEntry;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.repository.AuditLedgerRepository;

/** Appends audit events to the hash-chained ledger, once each, and verifies the chain. */
@ApplicationScoped
public class AuditLedger {
    private static final int VERIFY_BATCH = 1_000;

    @Inject
    AuditLedgerRepository ledger;

    /** @return false when the event was already in the ledger (deliveries are at least once) */
    @Transactional
    public boolean append(AuditRecord record) {
        ledger.lockForAppend();
        if (ledger.containsEvent(record.eventId())) {
            return false;
        }
        String prev = ledger.headHash();
        AuditEntry e = new AuditEntry();
        e.eventId = record.eventId();
        // PostgreSQL keeps microseconds: hash exactly what is stored, so the chain can be recomputed from the table
        e.occurredAt = record.occurredAt().truncatedTo(ChronoUnit.MICROS);
        e.source = record.source();
        e.actor = record.actor();
        e.action = record.action();
        e.resource = record.resource();
        e.outcome = record.outcome();
        e.sourceIp = record.sourceIp();
        e.details = record.details();
        e.prevHash = prev == null ? AuditChain.GENESIS : prev;
        e.hash = hashOf(e, e.prevHash);
        ledger.persist(e);
        return true;
    }

    public record Verification(boolean valid, long entries, String headHash, Long firstBrokenSeq) {
    }

    /** Recomputes the whole chain, oldest first, in batches. */
    @Transactional
    public Verification verify() {
        String prev = AuditChain.GENESIS;
        long count = 0;
        long after = 0;
        List<AuditEntry> batch;
        while (!(batch = ledger.oldestFirst(after, VERIFY_BATCH)).isEmpty()) {
            for (AuditEntry e : batch) {
                if (!e.prevHash.equals(prev) || !e.hash.equals(hashOf(e, prev))) {
                    return new Verification(false, count, prev, e.seq);
                }
                prev = e.hash;
                count++;
                after = e.seq;
            }
            ledger.forgetRead();
        }
        return new Verification(true, count, prev, null);
    }

    private static String hashOf(AuditEntry e, String prev) {
        return AuditChain.hash(prev, e.eventId, e.occurredAt, e.source, e.actor, e.action, e.resource, e.outcome,
                e.sourceIp, e.details);
    }
}
