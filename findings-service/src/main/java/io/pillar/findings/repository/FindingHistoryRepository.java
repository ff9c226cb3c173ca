package io.pillar.findings.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.findings.FindingHistory;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class FindingHistoryRepository implements PanacheRepositoryBase<FindingHistory, Long> {

    public List<FindingHistory> of(UUID findingId) {
        return list("findingId = ?1 order by id", findingId);
    }
}
