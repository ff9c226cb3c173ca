package io.pillar.response.repository;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.response.Evidence;
import io.pillar.response.EvidenceAccess;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {

    public Optional<Evidence> byStep(UUID run, String stepKey) {
        return find("runId = ?1 and stepKey = ?2", run, stepKey).firstResultOptional();
    }

    /** The evidence of these teams (null: every team's), of one incident when given, oldest first. */
    public List<Evidence> of(Set<String> teams, UUID incident) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (teams != null) {
            query.append(" and team in :teams");
            params = params.and("teams", teams.isEmpty() ? Set.of("") : teams);
        }
        if (incident != null) {
            query.append(" and incidentId = :incident");
            params = params.and("incident", incident);
        }
        return find(query + " order by capturedAt", params).page(0, 500).list();
    }

    public List<EvidenceAccess> custody(UUID evidence) {
        return EvidenceAccess.list("evidenceId = ?1 order by id", evidence);
    }
}
