package io.pillar.inventory.mapping;

import io.pillar.contracts.api.Cursor;
import io.pillar.inventory.Asset;

public final class AssetMapper {

    public static AssetView toView(Asset a) {
        return new AssetView(a.id, a.type, a.naturalId, a.name, a.provider, a.account, a.region, a.ownerTeam,
                a.environment, a.criticality, a.dataClassification, a.internetExposed, a.quarantined, a.version,
                a.createdAt, a.updatedAt);
    }

    public static Cursor cursorOf(Asset a) {
        return new Cursor(a.createdAt, a.id);
    }

    private AssetMapper() {
    }
}
