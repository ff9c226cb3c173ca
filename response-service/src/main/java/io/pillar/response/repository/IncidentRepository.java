package io.pillar.response.repository;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.response.Incident;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /**
     * Up to {@code limit} incidents of these teams (null: every team's, and those of no team) after the cursor,
     * newest first.
     */
    public List<Incident> page(Set<String> teams, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (teams != null) {
            query.append(" and team in :teams");
            params = params.and("teams", teams.isEmpty() ? Set.of("") : teams);
        }
        if (after != null) {
            query.append(" and (createdAt < :time or (createdAt = :time and id < :id))");
            params = params.and("time", after.time()).and("id", after.id());
        }
        return find(query + " order by createdAt desc, id desc", params).page(0, limit).list();
    }
}
