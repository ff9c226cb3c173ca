package io.pillar.findings.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.contracts.inventory.v1.Asset;
import io.pillar.findings.mapping.RiskScore;

class RiskScoreTest {

    @Test
    void aCriticalFindingOnAnExposedCriticalAssetWithRestrictedDataRanksFirst() {
        Asset worst = Asset.newBuilder().setId("a").setCriticality("critical").setDataClassification("restricted")
                .setInternetExposed(true).build();
        Asset internal = Asset.newBuilder().setId("b").setDataClassification("internal").build();
        assertEquals(100, RiskScore.of(5, List.of(internal, worst)).score(), "the most exposed asset counts");
        int onInternal = RiskScore.of(5, List.of(internal)).score();
        int highOnWorst = RiskScore.of(4, List.of(worst)).score();
        int unresolved = RiskScore.of(5, List.of()).score();
        assertEquals(30, onInternal);
        assertEquals(onInternal, unresolved, "unknown factors count 1");
        assertTrue(highOnWorst > onInternal && highOnWorst < 100, "high on the worst asset: " + highOnWorst);
        assertEquals(0, RiskScore.of(1, List.of(worst)).score(), "informational stays 0");
        assertEquals("a", RiskScore.of(5, List.of(internal, worst)).factors().get("asset_id").asText());
    }
}
