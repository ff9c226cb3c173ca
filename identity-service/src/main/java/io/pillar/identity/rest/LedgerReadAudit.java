package io.pillar.identity.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.service.AuditLedger;
import io.pillar.platform.json.Json;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every read of the ledger (its entries, its verification) is itself chained into the ledger once answered, by the
 * service that keeps it, whichever way the request came: who, through which client, from where (the peer address;
 * an {@code X-Forwarded-For} it was given is kept as told), what was asked and the answer's status. A refused read
 * (no token, not an auditor) is recorded as denied.
 */
@ApplicationScoped
public class LedgerReadAudit {
    private static final Logger LOG = Logger.getLogger(LedgerReadAudit.class);

    @Inject
    AuditLedger ledger;
    @Inject
    ManagedExecutor executor;

    void register(@Observes Router router) {
        router.route("/api/v1/audit*").order(-1).handler(rc -> {
            rc.addEndHandler(done -> record(rc));
            rc.next();
        });
    }

    private void record(RoutingContext rc) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        boolean known = identity != null && !identity.isAnonymous();
        append(rc, known ? identity.getPrincipal().getName() : "anonymous", known ? Caller.clientOf(identity) : null,
                rc.response().getStatusCode(), null);
    }

    /** A token that did not verify, on the way to the ledger (refused before any route runs). */
    void onAuthenticationFailure(@ObservesAsync AuthenticationFailureEvent event) {
        refused(event.getEventProperties(), "authentication failed: "
                + event.getAuthenticationFailure().getClass().getSimpleName());
    }

    /** A request without a token, on the way to the ledger. */
    void onAuthorizationFailure(@ObservesAsync AuthorizationFailureEvent event) {
        if (event.getSecurityIdentity() == null || event.getSecurityIdentity().isAnonymous()) {
            refused(event.getEventProperties(), "authentication required: no bearer token");
        }
    }

    private void refused(Map<String, Object> properties, String reason) {
        properties.values().stream().filter(RoutingContext.class::isInstance).map(RoutingContext.class::cast)
                .filter(rc -> rc.normalizedPath().startsWith("/api/v1/audit")).findFirst()
                .ifPresent(rc -> append(rc, "anonymous", null, 401, reason));
    }

    private void append(RoutingContext rc, String actor, String client, int status, String reason) {
        String outcome = status == 401 || status == 403 ? "denied" : status < 400 ? "success" : "failure";
        String action = rc.request().method().name() + " " + rc.normalizedPath();
        String peer = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("status", status).put("query", rc.request().query())
                .put("forwarded_for", rc.request().getHeader("X-Forwarded-For"));
        if (reason != null) {
            data.put("reason", reason);
        }
        AuditRecord entry = AuditRecord.own(UUID.randomUUID().toString(), Instant.now(), actor, client, action,
                rc.normalizedPath(), outcome, peer, data);
        executor.runAsync(() -> ledger.append(entry)).exceptionally(e -> {
            LOG.errorf("the ledger read %s by %s could not be chained: %s", action, actor, e.toString());
            return null;
        });
    }
}
