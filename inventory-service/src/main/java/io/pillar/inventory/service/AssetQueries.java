package io.pillar.inventory.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.inventory.mapping.AssetFilter;
import io.pillar.inventory.mapping.AssetViews;
import io.pillar.inventory.mapping.JsonPatch;
import io.pillar.inventory.repository.AssetRepository;
import io.pillar.inventory.repository.AssetVersionRepository;
import io.pillar.inventory.repository.RuleViolationRepository;
import io.pillar.inventory.repository.StoredVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Reading the inventory: lists, one asset now or at an instant, its history and the difference of two versions. */
@ApplicationScoped
public class AssetQueries {
    @Inject
    AssetRepository assets;
    @Inject
    AssetVersionRepository assetVersions;
    @Inject
    RuleViolationRepository violations;

    public Page<ObjectNode> list(AssetFilter filter, String cursor, Integer limit) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return QuarkusTransaction.requiringNew().call(() -> Page.of(assets.page(filter, after, size + 1), size,
                AssetViews::summary, AssetViews::cursorOf));
    }

    public Optional<ObjectNode> get(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> assets.current(id).map(a -> AssetViews.detail(a, violations.ruleIds(id))));
    }

    /** The asset as it was at an instant; empty when it did not exist yet (or does not exist). */
    public Optional<ObjectNode> at(UUID id, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> assetVersions.at(id, at)
                .map(v -> AssetViews.asOf(id.toString(), v.version(), v.validFrom(), v.changedBy(), v.document())));
    }

    /** Versions newest first: who or what changed it, when, and the JSON Patch from the version before. */
    public Optional<ObjectNode> history(UUID id, String cursor, Integer limit) {
        int size = Page.checkLimit(limit);
        Integer before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor: not one this endpoint gave: " + cursor);
            }
        }
        Integer below = before;
        return QuarkusTransaction.requiringNew().call(() -> {
            if (assets.current(id).isEmpty()) {
                return Optional.<ObjectNode>empty();
            }
            List<StoredVersion> versions = assetVersions.history(id, below, size + 1);
            ObjectNode page = JsonNodeFactory.instance.objectNode();
            var items = page.putArray("items");
            versions.stream().limit(size).forEach(v -> {
                ObjectNode item = items.addObject();
                item.put("version", v.version());
                item.put("valid_from", v.validFrom().toString());
                item.put("changed_by", v.changedBy());
                item.put("source", v.source());
                item.set("patch", v.patch());
            });
            if (versions.size() > size) {
                page.put("next_cursor", String.valueOf(versions.get(size - 1).version()));
            } else {
                page.putNull("next_cursor");
            }
            return Optional.of(page);
        });
    }

    /** The JSON Patch from version {@code from} to version {@code to} (either order). */
    public Optional<ObjectNode> diff(UUID id, int from, int to) {
        if (from < 1 || to < 1) {
            throw new IllegalArgumentException("from and to are version numbers, 1 or more");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<StoredVersion> a = assetVersions.of(id, from);
            Optional<StoredVersion> b = assetVersions.of(id, to);
            if (a.isEmpty() || b.isEmpty()) {
                return Optional.<ObjectNode>empty();
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("asset_id", id.toString());
            out.put("from", from);
            out.put("to", to);
            out.put("from_valid_from", a.get().validFrom().toString());
            out.put("to_valid_from", b.get().validFrom().toString());
            out.set("patch", JsonPatch.diff(a.get().document(), b.get().document()));
            return Optional.of(out);
        });
    }
}
