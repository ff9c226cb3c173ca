package io.pillar.response.repository;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.response.TriggerRule;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TriggerRepository implements PanacheRepositoryBase<TriggerRule, UUID> {

    public List<TriggerRule> enabledFor(String team) {
        return list("team = ?1 and enabled = true", team);
    }

    /** The rules of these teams (null: every team's), newest first. */
    public List<TriggerRule> of(Set<String> teams) {
        return teams == null
                ? list("order by createdAt desc")
                : list("team in ?1 order by createdAt desc", teams.isEmpty() ? Set.of("") : teams);
    }
}
