package io.pillar.identity.policy;

/** A statement that applies to a principal, with where it comes from. */
public record Grant(Statement statement, PolicySource source) {
}
