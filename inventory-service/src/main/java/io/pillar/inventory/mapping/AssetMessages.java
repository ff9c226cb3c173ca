package io.pillar.inventory.mapping;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.inventory.repository.StoredAsset;

/** Assets as gRPC messages of the Inventory contract; absent values are empty strings, as proto3 has no null. */
public final class AssetMessages {

    public static io.pillar.contracts.inventory.v1.Asset toMessage(StoredAsset a) {
        JsonNode d = a.document();
        var b = io.pillar.contracts.inventory.v1.Asset.newBuilder()
                .setId(a.id().toString())
                .setType(text(d, "type"))
                .setNaturalId(text(d, "natural_id"))
                .setName(text(d, "name"))
                .setProvider(text(d, "provider"))
                .setAccount(text(d, "account"))
                .setRegion(text(d, "region"))
                .setOwnerTeam(text(d, "owner_team"))
                .setEnvironment(text(d, "environment"))
                .setCriticality(text(d, "criticality"))
                .setDataClassification(text(d, "data_classification"))
                .setInternetExposed(d.path("internet_exposed").asBoolean(false))
                .setQuarantined(d.path("quarantine").path("quarantined").asBoolean(false));
        for (Iterator<Map.Entry<String, JsonNode>> it = d.path("tags").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> t = it.next();
            b.putTags(t.getKey(), t.getValue().asText());
        }
        return b.build();
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private AssetMessages() {
    }
}
