package io.pillar.inventory.parser.pillar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.Collected;

class PillarAssetParserTest {

    @Test
    void pillarAssetsAreValidatedItemByItem() throws Exception {
        Collected c = Collected.fixture("pillar/assets.json", null);
        assertEquals("pillar", c.format);
        assertEquals(2, c.assets.size());
        AssetDraft workload = c.byNaturalId("k8s://prod-eu/payments/deployment/ledger");
        assertEquals("payments", workload.declared.get("owner_team"));
        assertEquals("restricted", workload.declared.get("data_classification"));
        assertEquals(3, workload.attributes.get("replicas").asInt());
        AssetDraft image = c.assets.get(1);
        assertEquals("container_image", image.type);
        assertTrue(image.identifiers.stream().anyMatch(i -> i.startsWith("registry.example.com/")));
        assertEquals(3, c.rejected.size());
        assertTrue(c.rejected.get(2).contains("data_classification"), c.rejected.toString());
        assertTrue(c.rejected.get(3).contains("type is required"), c.rejected.toString());
        assertTrue(c.rejected.get(4).contains("relationships[0]"), c.rejected.toString());
    }
}
