package io.pillar.response.incident;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.platform.json.Json;

class TriggerFilterTest {

    @Test
    void createdAndUpdatedEventsPassByDefaultAndTheConditionsGivenMustAllHold() throws Exception {
        TriggerFilter f = Json.SNAKE_CASE.readValue("""
                {"min_severity_id": 4, "products": ["GuardDuty"], "rules": null, "event_types": null}""",
                TriggerFilter.class);
        assertTrue(f.matches(new TriggerFilter.Seen("created", 5, "guardduty", "r", List.of())));
        assertTrue(f.matches(new TriggerFilter.Seen("updated", 4, "GuardDuty", "r", List.of())));
        assertFalse(f.matches(new TriggerFilter.Seen("created", 3, "GuardDuty", "r", List.of())));
        assertFalse(f.matches(new TriggerFilter.Seen("created", 6, "Inspector", "r", List.of())));
    }

    @Test
    void eventTypesAndRulesNarrowIt() {
        TriggerFilter f = new TriggerFilter(null, null, List.of("Recon:IAMUser"), null, List.of("created"), null);
        assertTrue(f.matches(new TriggerFilter.Seen("created", 1, "x", "recon:iamuser", List.of())));
        assertFalse(f.matches(new TriggerFilter.Seen("updated", 1, "x", "Recon:IAMUser", List.of())));
        assertFalse(f.matches(new TriggerFilter.Seen("created", 1, "x", "Other", List.of())));
    }

    @Test
    void aControlMatchesTheRuleOrAComplianceRequirement() {
        TriggerFilter f = new TriggerFilter(null, null, null, List.of("S3.8", "CIS 2.1.5"), null, null);
        assertTrue(f.matches(new TriggerFilter.Seen("created", 3, "x", "r", List.of("PCI DSS 1.2", "s3.8"))));
        assertFalse(f.matches(new TriggerFilter.Seen("created", 3, "x", "r", List.of("S3.1"))));
    }

    @Test
    void assetConditionsHoldWhenTheAssetMeetsEachGiven() {
        var asset = new TriggerFilter.AssetFilter(List.of("restricted", "confidential"), true, null);
        assertTrue(asset.matches("Restricted", true, "low"));
        assertFalse(asset.matches("restricted", false, "low"));
        assertFalse(asset.matches("public", true, "low"));
    }
}
