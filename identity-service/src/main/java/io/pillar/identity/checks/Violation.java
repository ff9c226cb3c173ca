package io.pillar.identity.checks;

/**
 * One thing a check found: the check, the principal or policy it concerns (its ARN, or the principal's ARN and
 * {@code #inline/<name>} for an inline policy), the kind of resource, what exactly was found, and the severity.
 */
public record Violation(String check, String resource, String resourceType, String detail, String severity) {
}
