package io.pillar.identity.checks;

import java.util.List;

/** What a check is: id, default severity, title, remediation and the best practices it gives evidence for. */
public record CheckInfo(String id, String severity, String title, String description, String remediation,
        List<String> bestPractices) {
}
