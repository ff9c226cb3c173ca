package io.pillar.platform.outbox;

/** Fired (asynchronously) after a transaction that wrote outbox events committed, so the relay publishes at once. */
public record OutboxWritten() {
}
