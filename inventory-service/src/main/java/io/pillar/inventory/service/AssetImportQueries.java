package io.pillar.inventory.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.inventory.repository.AssetImportJobRepository;
import io.pillar.platform.jobs.JobFilter;
import io.pillar.platform.security.Caller;

/** Asset imports as their callers may see them: their own, and their teams' (every one for those reading all). */
@ApplicationScoped
public class AssetImportQueries {
    @Inject
    AssetImportJobRepository jobs;

    @Transactional
    public Optional<AssetImport.Report> get(UUID id, Caller caller) {
        return jobs.findByIdOptional(id).filter(j -> caller.reads(j.team) || caller.name().equals(j.requestedBy))
                .map(AssetImport.Report::of);
    }

    @Transactional
    public Page<AssetImport.Report> list(String scope, String status, Instant since, Instant until, String cursor,
            Integer limit, Caller caller) {
        JobFilter filter = new JobFilter(caller.visibleTeams(), caller.name(), scope, status, since, until);
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(jobs.page(filter, after, size + 1), size, AssetImport.Report::of,
                j -> new Cursor(j.startedAt, j.id));
    }
}
