package io.pillar.findings.repository;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.findings.ImportJob;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, UUID> {

    /** Which imports a list shows: of these teams (null: every team's and those of no team), and the rest. */
    public record Filter(Set<String> teams, String scope, String status, Instant since, Instant until) {
    }

    /** Up to {@code limit} imports that pass the filter, after the cursor, newest first. */
    public List<ImportJob> page(Filter filter, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.teams() != null) {
            query.append(" and team in :teams");
            params = params.and("teams", filter.teams().isEmpty() ? Set.of("") : filter.teams());
        }
        if (filter.scope() != null) {
            query.append(" and scope = :scope");
            params = params.and("scope", filter.scope());
        }
        if (filter.status() != null) {
            query.append(" and status = :status");
            params = params.and("status", filter.status());
        }
        if (filter.since() != null) {
            query.append(" and startedAt >= :since");
            params = params.and("since", filter.since());
        }
        if (filter.until() != null) {
            query.append(" and startedAt < :until");
            params = params.and("until", filter.until());
        }
        if (after != null) {
            query.append(" and (startedAt < :time or (startedAt = :time and id < :id))");
            params = params.and("time", after.time()).and("id", after.id());
        }
        return find(query + " order by startedAt desc, id desc", params).page(0, limit).list();
    }
}
