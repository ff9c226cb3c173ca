package io.pillar.findings.repository.bulk;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.pillar.findings.Finding;
import io.pillar.findings.mapping.FindingFilter;
import io.pillar.findings.mapping.FindingSort;
import io.pillar.platform.api.TextSearch;

/**
 * Lists and facets of findings, in SQL: the filters match inside JSON arrays by containment ({@code @>}, served by
 * GIN indexes) and inside text arrays, which HQL does not express; keyset pages compare row values.
 */
@ApplicationScoped
public class FindingSearch {
    @Inject
    EntityManager em;

    /** Up to {@code limit} findings matching the filter after the previous page's last one, in the given order. */
    @SuppressWarnings("unchecked")
    public List<Finding> page(FindingFilter filter, FindingSort sort, FindingSort.After after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT f.* FROM finding f WHERE true");
        List<Object> params = new ArrayList<>();
        where(filter, sql, params);
        if (after != null) {
            int p = params.size() + 1;
            switch (sort) {
                case CREATED_AT -> sql.append(" AND (f.created_at, f.id) < (?").append(p).append(", ?")
                        .append(p + 1).append(")");
                case LAST_SEEN -> sql.append(" AND (f.last_seen, f.id) < (?").append(p).append(", ?")
                        .append(p + 1).append(")");
                case SEVERITY -> sql.append(" AND (f.severity_id, f.created_at, f.id) < (CAST(?").append(p + 2)
                        .append(" AS smallint), ?").append(p).append(", ?").append(p + 1).append(")");
                case RISK -> sql.append(" AND (COALESCE(f.risk_score, -1), f.created_at, f.id) < (CAST(?")
                        .append(p + 2).append(" AS smallint), ?").append(p).append(", ?").append(p + 1).append(")");
            }
            params.add(java.sql.Timestamp.from(after.time()));
            params.add(after.id());
            if (sort == FindingSort.SEVERITY || sort == FindingSort.RISK) {
                params.add((short) after.rank());
            }
        }
        sql.append(" ORDER BY ").append(sort.orderBy()).append(" LIMIT ").append(limit);
        Query query = em.createNativeQuery(sql.toString(), Finding.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return bounded(filter, query, query::getResultList);
    }

    /** Counts of the findings matching the filter, by the values of one column. */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Long> facet(FindingFilter filter, String column) {
        StringBuilder sql = new StringBuilder("SELECT CAST(f." + column + " AS text), count(*) FROM finding f "
                + "WHERE true");
        List<Object> params = new ArrayList<>();
        where(filter, sql, params);
        sql.append(" GROUP BY 1 ORDER BY 2 DESC LIMIT 100");
        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (Object[] row : (List<Object[]>) bounded(filter, query, query::getResultList)) {
            counts.put(row[0] == null ? "none" : row[0].toString(), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** A text search is stopped by the database when it runs too long. */
    private static <T> T bounded(FindingFilter filter, Query query, java.util.function.Supplier<T> run) {
        if (filter.text() == null) {
            return run.get();
        }
        query.setHint(TextSearch.TIMEOUT_HINT, TextSearch.timeoutMillis());
        return TextSearch.run(run);
    }

    private static void where(FindingFilter filter, StringBuilder sql, List<Object> params) {
        if (filter.teams() != null) {
            sql.append(" AND f.team = ANY(CAST(?").append(params.size() + 1).append(" AS text[]))");
            params.add(filter.teams().toArray(String[]::new));
        }
        if (filter.severityIds() != null && !filter.severityIds().isEmpty()) {
            sql.append(" AND f.severity_id = ANY(CAST(?").append(params.size() + 1).append(" AS smallint[]))");
            params.add(filter.severityIds().stream().map(Integer::shortValue).toArray(Short[]::new));
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            sql.append(" AND f.status = ANY(CAST(?").append(params.size() + 1).append(" AS text[]))");
            params.add(filter.statuses().toArray(String[]::new));
        }
        equal(sql, params, "f.product", filter.product());
        equal(sql, params, "f.correlation_key", filter.correlation());
        equal(sql, params, "f.team", filter.team());
        if (filter.importId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM import_finding i WHERE i.finding_id = f.id AND i.import_id = ?")
                    .append(params.size() + 1).append(")");
            params.add(filter.importId());
        }
        if (filter.cve() != null) {
            sql.append(" AND f.vulnerabilities @> CAST(?").append(params.size() + 1).append(" AS jsonb)");
            params.add("[{\"cve\": \"" + filter.cve().replace("\"", "") + "\"}]");
        }
        if (filter.control() != null) {
            sql.append(" AND ?").append(params.size() + 1).append(" = ANY(f.compliance)");
            params.add(filter.control());
        }
        if (filter.bestPractice() != null) {
            sql.append(" AND ?").append(params.size() + 1).append(" = ANY(f.best_practices)");
            params.add(filter.bestPractice());
        }
        if (filter.asset() != null) {
            sql.append(" AND f.resources @> CAST(?").append(params.size() + 1).append(" AS jsonb)");
            params.add("[{\"uid\": \"" + filter.asset().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]");
        }
        if (filter.text() != null) {
            int p = params.size() + 1;
            sql.append(" AND (f.title ILIKE ?").append(p).append(" OR f.description ILIKE ?").append(p)
                    .append(" OR f.rule_uid ILIKE ?").append(p).append(" OR CAST(f.resources AS text) ILIKE ?")
                    .append(p).append(")");
            params.add("%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.since() != null) {
            sql.append(" AND f.last_seen >= ?").append(params.size() + 1);
            params.add(java.sql.Timestamp.from(filter.since()));
        }
        if (filter.until() != null) {
            sql.append(" AND f.last_seen < ?").append(params.size() + 1);
            params.add(java.sql.Timestamp.from(filter.until()));
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?").append(params.size() + 1);
            params.add(value);
        }
    }
}
