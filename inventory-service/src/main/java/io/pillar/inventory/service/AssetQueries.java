package io.pillar.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.inventory.mapping.AssetMapper;
import io.pillar.inventory.mapping.AssetView;
import io.pillar.inventory.repository.AssetRepository;

@ApplicationScoped
public class AssetQueries {
    @Inject
    AssetRepository assets;

    @Transactional
    public Page<AssetView> list(String type, String cursor, Integer limit) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(assets.page(type, after, size + 1), size, AssetMapper::toView, AssetMapper::cursorOf);
    }
}
