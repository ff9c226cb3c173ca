package io.pillar.inventory.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.inventory.RuleViolation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The rules an asset violates now (recorded in batches by the import pipeline, repository.bulk). */
@ApplicationScoped
public class RuleViolationRepository implements PanacheRepositoryBase<RuleViolation, RuleViolation.Key> {

    public List<String> ruleIds(UUID assetId) {
        return find("assetId = ?1 order by ruleId", assetId).stream().map(v -> v.ruleId).toList();
    }
}
