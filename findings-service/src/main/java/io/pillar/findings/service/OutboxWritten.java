package io.pillar.findings.service;

/** Fired after a transaction that wrote outbox rows committed, so that the relay publishes them at once. */
public record OutboxWritten(int events) {
}
