package io.pillar.inventory.repository;

import java.util.UUID;

/**
 * A rule an asset violates, with the rule's title and severity when the violation started and the team its finding
 * was filed for (the asset's owner then; null: none).
 */
public record Violation(UUID assetId, String ruleId, String title, String severity, String team) {
}
