package io.pillar.findings.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import io.pillar.contracts.api.Cursor;
import io.pillar.findings.Finding;
import io.pillar.findings.mapping.FindingFilter;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class FindingRepository implements PanacheRepositoryBase<Finding, UUID> {

    /** Up to {@code limit} findings matching the filter after the cursor, newest first. */
    @SuppressWarnings("unchecked")
    public List<Finding> page(FindingFilter filter, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT f.* FROM finding f WHERE true");
        List<Object> params = new ArrayList<>();
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
        if (after != null) {
            int p = params.size() + 1;
            sql.append(" AND (f.created_at < ?").append(p).append(" OR (f.created_at = ?").append(p)
                    .append(" AND f.id < ?").append(p + 1).append("))");
            params.add(java.sql.Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" ORDER BY f.created_at DESC, f.id DESC LIMIT ").append(limit);
        Query query = getEntityManager().createNativeQuery(sql.toString(), Finding.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query.getResultList();
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?").append(params.size() + 1);
            params.add(value);
        }
    }
}
