package io.pillar.inventory.mapping;

/** Filters of the asset list; null means any. */
public record AssetFilter(String type, String account, String ownerTeam, String classification, Boolean exposed,
        String status, String q) {
}
