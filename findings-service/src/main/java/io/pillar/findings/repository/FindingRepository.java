package io.pillar.findings.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.pillar.findings.Finding;
import io.pillar.findings.mapping.SuppressionCriteria;
import io.pillar.findings.parser.Severity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Findings one at a time or a few at a time; lists and facets over many are {@code sql.FindingSearch}. */
@ApplicationScoped
public class FindingRepository implements PanacheRepositoryBase<Finding, UUID> {

    public List<Finding> byIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** The raw record a finding was last reported with, deflated, and its SHA-256; null when none was kept. */
    public record RawRecord(byte[] deflated, String sha256) {
    }

    public RawRecord raw(UUID id) {
        List<?> rows = getEntityManager().createNativeQuery("SELECT raw, raw_sha256 FROM finding WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty() || ((Object[]) rows.get(0))[0] == null) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new RawRecord((byte[]) row[0], (String) row[1]);
    }

    /** Locks the finding until the transaction ends. */
    public void lock(Finding f) {
        getEntityManager().lock(f, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Drops the findings read so far from the session (a long walk reads them a batch at a time). */
    public void forgetRead() {
        getEntityManager().clear();
    }

    /** Up to {@code limit} findings in one of the statuses whose status expired by {@code now}, locked. */
    public List<Finding> expiredLocked(Instant now, Collection<String> statuses, int limit) {
        return find("statusExpiresAt <= ?1 and status in ?2", now, statuses).page(0, limit)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Up to {@code limit} other findings with the same correlation key. */
    public List<Finding> correlatedWith(Finding f, int limit) {
        return find("correlationKey = ?1 and id <> ?2", f.correlationKey, f.id).page(0, limit).list();
    }

    /**
     * Up to {@code limit} findings in one of the statuses that may match the criteria, locked: product, rule, team and
     * severity narrow them here; the caller checks the rest (resources, vulnerabilities) on each.
     */
    public List<Finding> candidatesLocked(SuppressionCriteria c, Collection<String> statuses, int limit) {
        StringBuilder query = new StringBuilder("status in ?1");
        List<Object> params = new java.util.ArrayList<>(List.of(statuses));
        if (c.product() != null) {
            params.add(c.product());
            query.append(" and product = ?").append(params.size());
        }
        if (c.rule() != null) {
            params.add(c.rule());
            query.append(" and ruleUid = ?").append(params.size());
        }
        if (c.team() != null) {
            params.add(c.team());
            query.append(" and team = ?").append(params.size());
        }
        if (c.severity() != null && !c.severity().isEmpty()) {
            params.add(c.severity().stream().map(s -> (short) Severity.fromLabel(s.toLowerCase())).toList());
            query.append(" and severityId in ?").append(params.size());
        }
        return find(query.toString(), params.toArray()).page(0, limit).withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }
}
