package io.pillar.identity.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.identity.AuditEntry;
import io.pillar.identity.mapping.AuditFilter;
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

    /** Which of these event ids the ledger holds already. */
    public List<String> existingEvents(java.util.Collection<String> eventIds) {
        return getEntityManager().createQuery("select e.eventId from AuditEntry e where e.eventId in :ids",
                String.class).setParameter("ids", eventIds).getResultList();
    }

    /** The hash of the newest entry, or null when the ledger is empty. */
    public String headHash() {
        return find("order by seq desc").firstResultOptional().map(e -> e.hash).orElse(null);
    }

    /** Up to {@code limit} entries before {@code beforeSeq} (all when null) that match, newest first. */
    public List<AuditEntry> newestFirst(Long beforeSeq, AuditFilter filter, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (beforeSeq != null) {
            where.append(" and seq < :before");
            params.put("before", beforeSeq);
        }
        match(where, params, "actor", filter.actor());
        match(where, params, "action", filter.action());
        match(where, params, "resource", filter.target());
        match(where, params, "outcome", filter.outcome());
        if (filter.since() != null) {
            where.append(" and occurredAt >= :since");
            params.put("since", filter.since());
        }
        if (filter.until() != null) {
            where.append(" and occurredAt < :until");
            params.put("until", filter.until());
        }
        return find(where + " order by seq desc", params).page(0, limit).list();
    }

    private static void match(StringBuilder where, Map<String, Object> params, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.endsWith("*")) {
            String prefix = value.substring(0, value.length() - 1).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_");
            where.append(" and ").append(field).append(" like :").append(field).append(" escape '\\'");
            params.put(field, prefix + "%");
        } else {
            where.append(" and ").append(field).append(" = :").append(field);
            params.put(field, value);
        }
    }

    /** The newest entry, or null when the ledger is empty. */
    public AuditEntry head() {
        return find("order by seq desc").firstResult();
    }

    public void seal(long seq, String keyId, String mac) {
        getEntityManager().createNativeQuery("INSERT INTO audit_seal (seq, key_id, mac) VALUES (?1, ?2, ?3)")
                .setParameter(1, seq).setParameter(2, keyId).setParameter(3, mac).executeUpdate();
    }

    /** The seals of the entries with {@code from <= seq <= to}, by sequence number. */
    public Map<Long, String> seals(long from, long to) {
        Map<Long, String> out = new HashMap<>();
        for (Object row : getEntityManager()
                .createNativeQuery("SELECT seq, mac FROM audit_seal WHERE seq BETWEEN ?1 AND ?2")
                .setParameter(1, from).setParameter(2, to).getResultList()) {
            Object[] r = (Object[]) row;
            out.put(((Number) r[0]).longValue(), (String) r[1]);
        }
        return out;
    }

    public boolean anySeal() {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM audit_seal LIMIT 1").getResultList().isEmpty();
    }

    /** The entry with this sequence number, or null. */
    public AuditEntry at(long seq) {
        return findById(seq);
    }

    /** Up to {@code limit} entries after {@code afterSeq}, oldest first: the order the chain is verified in. */
    public List<AuditEntry> oldestFirst(long afterSeq, int limit) {
        return find("seq > ?1 order by seq", afterSeq).page(0, limit).list();
    }
}
