package io.pillar.findings.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.findings.mapping.ImportView;
import io.pillar.findings.repository.ImportJobRepository;
import io.pillar.platform.jobs.JobFilter;
import io.pillar.platform.security.Caller;

@ApplicationScoped
public class ImportQueries {
    @Inject
    ImportJobRepository jobs;

    /** The import, if the caller may read its team's data (an import of no team: admins, auditors, integrations). */
    @Transactional
    public Optional<ImportView> get(UUID id, Caller caller) {
        return jobs.findByIdOptional(id).filter(j -> caller.reads(j.team)).map(ImportView::of);
    }

    /**
     * The imports the caller may read (their teams'; every team's and those of no team for admins, auditors and
     * integrations), newest first, filtered by scope, status and start time.
     */
    @Transactional
    public Page<ImportView> list(String scope, String status, Instant since, Instant until, String cursor,
            Integer limit, Caller caller) {
        JobFilter filter = new JobFilter(caller.visibleTeams(), null, scope, status, since, until);
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(jobs.page(filter,
                after, size + 1), size, ImportView::of, j -> new Cursor(j.startedAt, j.id));
    }
}
