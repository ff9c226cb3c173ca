package io.pillar.response.repository;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.response.Playbook;
import io.pillar.response.PlaybookVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class PlaybookRepository implements PanacheRepositoryBase<Playbook, UUID> {

    /** The playbook with this CACAO id in this team (null: the shared one). */
    public Optional<Playbook> byCacaoId(String team, String cacaoId) {
        return team == null
                ? find("team is null and cacaoId = ?1", cacaoId).firstResultOptional()
                : find("team = ?1 and cacaoId = ?2", team, cacaoId).firstResultOptional();
    }

    /**
     * Up to {@code limit} playbooks after the cursor, most recently changed first: those of these teams and the shared
     * ones (teams null: every team's).
     */
    public List<Playbook> page(Set<String> teams, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (teams != null) {
            query.append(" and (team is null or team in :teams)");
            params = params.and("teams", teams.isEmpty() ? Set.of("") : teams);
        }
        if (after != null) {
            query.append(" and (updatedAt < :time or (updatedAt = :time and id < :id))");
            params = params.and("time", after.time()).and("id", after.id());
        }
        return find(query + " order by updatedAt desc, id desc", params).page(0, limit).list();
    }

    public List<PlaybookVersion> versions(UUID playbook) {
        return PlaybookVersion.list("playbookId = ?1 order by version desc", playbook);
    }

    public Optional<PlaybookVersion> version(UUID playbook, int version) {
        return PlaybookVersion.find("playbookId = ?1 and version = ?2", playbook, version).firstResultOptional();
    }

    public Optional<PlaybookVersion> versionBySha(UUID playbook, String sha256) {
        return PlaybookVersion.find("playbookId = ?1 and sha256 = ?2", playbook, sha256).firstResultOptional();
    }
}
