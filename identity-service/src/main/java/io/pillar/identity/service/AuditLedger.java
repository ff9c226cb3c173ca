package io.pillar.identity.service;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.identity.AuditEntry;
import io.pillar.identity.audit.Checkpointer;
import io.pillar.identity.audit.LedgerKeys;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.repository.AuditLedgerRepository;
import io.pillar.identity.repository.bulk.LedgerRows;

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
    @Inject
    LedgerRows rows;

    /** @return false when the event was already in the ledger (deliveries are at least once) */
    @Transactional
    public boolean append(AuditRecord record) {
        return appendAll(List.of(record)) == 1;
    }

    /**
     * Chains a batch of events in one transaction, in order: one lock, one read of the head, the entries and their
     * seals written by COPY. Events already in the ledger (or twice in the batch) are skipped.
     *
     * @return how many entries were appended
     */
    @Transactional
    public int appendAll(List<AuditRecord> records) {
        ledger.lockForAppend();
        Map<String, AuditRecord> byId = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            byId.putIfAbsent(fit(r.eventId(), 200), r);
        }
        ledger.existingEvents(byId.keySet()).forEach(byId::remove);
        if (byId.isEmpty()) {
            return 0;
        }
        AuditEntry head = ledger.head();
        long headSeq = head == null ? 0 : head.seq;
        String prev = head == null ? AuditChain.GENESIS : head.hash;
        List<AuditEntry> entries = new ArrayList<>();
        for (Map.Entry<String, AuditRecord> r : byId.entrySet()) {
            AuditEntry e = entry(r.getKey(), r.getValue(), prev);
            entries.add(e);
            prev = e.hash;
        }
        rows.append(entries, headSeq, keys.keyId(), keys::seal);
        checkpointer.appended(entries.size());
        return entries.size();
    }

    private static AuditEntry entry(String eventId, AuditRecord record, String prev) {
        AuditEntry e = new AuditEntry();
        e.eventId = eventId;
        // PostgreSQL keeps microseconds: hash exactly what is stored, so the chain can be recomputed from the table
        e.occurredAt = record.occurredAt().truncatedTo(ChronoUnit.MICROS);
        e.source = fit(record.source(), 200);
        e.actor = fit(record.actor(), 512);
        e.action = fit(record.action(), 512);
        e.resource = fit(record.resource(), 2048);
        e.outcome = record.outcome();
        e.sourceIp = record.sourceIp() == null ? null : fit(record.sourceIp(), 64);
        e.details = record.details().replace("\0", "");
        e.prevHash = prev;
        e.hash = hashOf(e, e.prevHash);
        return e;
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
        List<AuditEntry> batch;
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

    /**
     * A value that fits its column: one longer is cut, and ends with the SHA-256 of the whole value and its length,
     * so the entry is kept and what was cut can still be matched against the original.
     */
    static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        value = value.replace("\0", ""); // PostgreSQL text holds no NUL: hash what is stored
        if (value.length() <= max) {
            return value;
        }
        String digest;
        try {
            digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String tail = "...[cut: " + value.length() + " chars, sha256 " + digest + "]";
        return value.substring(0, Math.max(0, max - tail.length())) + tail;
    }

    public static String hashOf(AuditEntry e, String prev) {
        return AuditChain.hash(prev, e.eventId, e.occurredAt, e.source, e.actor, e.action, e.resource, e.outcome,
                e.sourceIp, e.details);
    }
}
