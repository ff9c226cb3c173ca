package io.pillar.findings.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.pillar.findings.SuppressionRule;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SuppressionRuleRepository implements PanacheRepositoryBase<SuppressionRule, UUID> {

    /** Enabled rules that have not expired, oldest first. */
    public List<SuppressionRule> active(Instant now) {
        return list("enabled = true and awaitingApproval = false and (expiresAt is null or expiresAt > ?1) "
                + "order by createdAt", now);
    }

    public List<SuppressionRule> newestFirst() {
        return list("order by createdAt desc");
    }

    /** The rule, locked until the transaction ends. */
    public Optional<SuppressionRule> locked(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
