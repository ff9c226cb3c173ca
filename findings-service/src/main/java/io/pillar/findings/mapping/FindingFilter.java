package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which findings a list shows; every field is optional (null or empty matches all).
 *
 * @param teams null for every team, else only findings of these teams
 * @param correlation a correlation key (CVE@resource): the findings of every tool about it
 * @param text words to find in title, description, rule or resource ids (case-insensitive)
 */
public record FindingFilter(List<Integer> severityIds, List<String> statuses, String product, String team,
        UUID importId, String cve, String control, String bestPractice, String asset, String text, Instant since,
        Instant until, java.util.Set<String> teams, String correlation) {
}
