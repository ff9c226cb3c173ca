package io.pillar.inventory.mapping;

import io.pillar.inventory.Asset;

/** Assets as gRPC messages of the Inventory contract; absent values are empty strings, as proto3 has no null. */
public final class AssetMessages {

    public static io.pillar.contracts.inventory.v1.Asset toMessage(Asset a) {
        return io.pillar.contracts.inventory.v1.Asset.newBuilder()
                .setId(a.id.toString())
                .setType(a.type)
                .setNaturalId(a.naturalId)
                .setName(orEmpty(a.name))
                .setProvider(orEmpty(a.provider))
                .setAccount(orEmpty(a.account))
                .setRegion(orEmpty(a.region))
                .setOwnerTeam(orEmpty(a.ownerTeam))
                .setEnvironment(orEmpty(a.environment))
                .setCriticality(orEmpty(a.criticality))
                .setDataClassification(orEmpty(a.dataClassification))
                .setInternetExposed(a.internetExposed)
                .setQuarantined(a.quarantined)
                .build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private AssetMessages() {
    }
}
