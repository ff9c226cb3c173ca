package io.pillar.identity.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.pillar.identity.mapping.AuditEventReader;
import io.pillar.identity.service.AuditLedger;
import io.smallrye.common.annotation.Blocking;

/**
 * Chains every {@code pillar.audit} event into the ledger, once. A record that cannot be read goes to
 * {@code pillar.audit.dlq} with the reason in its {@code dead-letter-reason} header, and consumption goes on.
 */
@ApplicationScoped
public class AuditEventConsumer {
    public static final String CHANNEL = "audit-in";

    @Inject
    AuditLedger ledger;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) {
        ledger.append(AuditEventReader.read(value));
    }
}
