package io.pillar.response.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.response.Incident;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** Up to {@code limit} incidents after the cursor, newest first. */
    public List<Incident> page(Cursor after, int limit) {
        if (after == null) {
            return find("order by createdAt desc, id desc").page(0, limit).list();
        }
        return find("createdAt < :time or (createdAt = :time and id < :id) order by createdAt desc, id desc",
                Parameters.with("time", after.time()).and("id", after.id())).page(0, limit).list();
    }
}
