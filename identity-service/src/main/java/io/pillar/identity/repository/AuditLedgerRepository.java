package io.pillar.identity.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.AuditEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AuditLedgerRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /**
     * Serializes appends across every instance of the service until the transaction ends, so that the chain has one
     * head.
     */
    public void lockForAppend() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7001)").getSingleResult();
    }

    /** Drops the entries read so far from the session (a walk over the ledger reads them a batch at a time). */
    public void forgetRead() {
        getEntityManager().clear();
    }

    public boolean containsEvent(String eventId) {
        return count("eventId", eventId) > 0;
    }

    /** The hash of the newest entry, or null when the ledger is empty. */
    public String headHash() {
        return find("order by seq desc").firstResultOptional().map(e -> e.hash).orElse(null);
    }

    /** Up to {@code limit} entries before {@code beforeSeq} (all when null), newest first. */
    public List<AuditEntry> newestFirst(Long beforeSeq, int limit) {
        return beforeSeq == null
                ? find("order by seq desc").page(0, limit).list()
                : find("seq < ?1 order by seq desc", beforeSeq).page(0, limit).list();
    }

    /** Up to {@code limit} entries after {@code afterSeq}, oldest first: the order the chain is verified in. */
    public List<AuditEntry> oldestFirst(long afterSeq, int limit) {
        return find("seq > ?1 order by seq", afterSeq).page(0, limit).list();
    }
}
