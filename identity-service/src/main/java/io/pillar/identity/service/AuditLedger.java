package io.pillar.identity.service;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.identity.AuditEntry;
import io.pillar.identity.audit.Checkpointer;
import io.pillar.identity.audit.LedgerKeys;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.repository.AuditLedgerRepository;

/**
 * Appends audit events to the hash-chained ledger, once each: every entry is chained to the one before by its hash
 * and sealed with a key the database never holds ({@link LedgerKeys}); {@link Checkpointer} signs the head.
 */
@ApplicationScoped
public class AuditLedger {
    @Inject
    AuditLedgerRepository ledger;
    @Inject
    LedgerKeys keys;
    @Inject
    Checkpointer checkpointer;

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
        ledger.flush();
        ledger.seal(e.seq, keys.keyId(), keys.seal(e.seq, e.hash));
        checkpointer.appended();
        return true;
    }

    /**
     * Seals the entries of a ledger that has no seal yet (one kept before seals existed), once: from the next entry
     * on, every entry is sealed as it is appended.
     */
    @Transactional
    public int sealLedgerWithoutSeals() {
        ledger.lockForAppend();
        if (ledger.anySeal()) {
            return 0;
        }
        int sealed = 0;
        long after = 0;
        java.util.List<AuditEntry> batch;
        while (!(batch = ledger.oldestFirst(after, 1_000)).isEmpty()) {
            for (AuditEntry e : batch) {
                ledger.seal(e.seq, keys.keyId(), keys.seal(e.seq, e.hash));
                after = e.seq;
                sealed++;
            }
            ledger.forgetRead();
        }
        return sealed;
    }

    public static String hashOf(AuditEntry e, String prev) {
        return AuditChain.hash(prev, e.eventId, e.occurredAt, e.source, e.actor, e.action, e.resource, e.outcome,
                e.sourceIp, e.details);
    }
}
