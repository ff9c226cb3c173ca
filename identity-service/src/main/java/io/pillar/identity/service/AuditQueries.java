package io.pillar.identity.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Page;
import io.pillar.identity.AuditEntry;
import io.pillar.identity.mapping.AuditFilter;
import io.pillar.identity.mapping.AuditMapper;
import io.pillar.identity.mapping.AuditView;
import io.pillar.identity.repository.AuditLedgerRepository;

@ApplicationScoped
public class AuditQueries {
    @Inject
    AuditLedgerRepository ledger;

    /** One page of the ledger, newest first; the cursor is the sequence number of the last entry shown. */
    @Transactional
    public Page<AuditView> list(String cursor, Integer limit, AuditFilter filter) {
        int size = Page.checkLimit(limit);
        List<AuditEntry> rows = ledger.newestFirst(AuditMapper.decodeCursor(cursor), filter, size + 1);
        boolean more = rows.size() > size;
        List<AuditEntry> shown = more ? rows.subList(0, size) : rows;
        String next = more ? AuditMapper.encodeCursor(shown.get(size - 1).seq) : null;
        return new Page<>(shown.stream().map(AuditMapper::toView).toList(), next);
    }

    /** Up to {@code limit} entries about a resource (exactly, or a prefix ending with *), newest first. */
    @Transactional
    public List<AuditEntry> about(String resource, int limit) {
        return ledger.newestFirst(null, new AuditFilter(null, null, resource, null, null, null), limit);
    }
}
