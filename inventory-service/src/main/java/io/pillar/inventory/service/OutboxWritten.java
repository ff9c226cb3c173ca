package io.pillar.inventory.service;

/** Fired after a transaction that wrote to the outbox committed: the relay publishes without waiting for its tick. */
public record OutboxWritten() {
}
