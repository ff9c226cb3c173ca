package io.pillar.inventory.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.inventory.AssetImportJob;
import io.pillar.platform.jobs.JobFilter;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AssetImportJobRepository implements PanacheRepositoryBase<AssetImportJob, UUID> {

    /** Up to {@code limit} imports that pass the filter, after the cursor, newest first. */
    public List<AssetImportJob> page(JobFilter filter, Cursor after, int limit) {
        JobFilter.Query query = filter.query(after);
        return find(query.where(), query.params()).page(0, limit).list();
    }
}
