package io.pillar.gateway.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import io.pillar.gateway.http.ApiRequest;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.ext.web.RoutingContext;

/**
 * Publishes one {@code pillar.audit} event per state-changing API request once it is answered: who, what, from
 * where, the outcome (the owning service's, or the gateway's own refusal: 413, 429), how long it took and its trace;
 * likewise for exports, and for every request refused because its token is missing or does not verify.
 */
@ApplicationScoped
public class RequestAuditor {
    public static final String CHANNEL = "audit-out";
    private static final String SOURCE = CloudEvent.source("gateway");
    private static final Logger LOG = Logger.getLogger(RequestAuditor.class);

    @Inject
    @Channel(CHANNEL)
    Emitter<String> audit;

    public void onEnd(RoutingContext rc) {
        String path = ApiRequest.path(rc);
        if (ApiRequest.isRead(rc) && !auditedRead(path)) {
            return;
        }
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        boolean known = identity != null && !identity.isAnonymous();
        String actor = known ? identity.getPrincipal().getName() : "anonymous";
        String actorId = known && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
        String client = known ? Caller.clientOf(identity) : null;
        String action = rc.request().method().name() + " " + path;
        String sourceIp = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        long started = System.nanoTime();
        rc.addEndHandler(done -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("latency_ms", Math.round((System.nanoTime() - started) / 1e5) / 10.0);
            request.put("traceparent", rc.request().getHeader("traceparent"));
            publish(actor, actorId, client, action, path, rc.response().getStatusCode(), sourceIp,
                    null, request);
        });
    }

    /**
     * Exports are audited like changes. Reads of the audit ledger are not: the identity-service chains each one
     * itself, whichever way it came.
     */
    static boolean auditedRead(String path) {
        return path.endsWith("/export") || path.contains("/export/");
    }

    /** A token that did not verify (expired, forged, of another realm or audience). */
    void onAuthenticationFailure(@ObservesAsync AuthenticationFailureEvent event) {
        refused(event.getEventProperties(), "authentication failed: "
                + event.getAuthenticationFailure().getClass().getSimpleName());
    }

    /** A request refused by the gateway's own permission check: without a token, only health is served. */
    void onAuthorizationFailure(@ObservesAsync AuthorizationFailureEvent event) {
        if (event.getSecurityIdentity() == null || event.getSecurityIdentity().isAnonymous()) {
            refused(event.getEventProperties(), "authentication required: no bearer token");
        }
    }

    private void refused(Map<String, Object> properties, String reason) {
        RoutingContext rc = properties.values().stream().filter(RoutingContext.class::isInstance)
                .map(RoutingContext.class::cast).findFirst().orElse(null);
        String path = rc == null ? "unknown" : rc.normalizedPath();
        String method = rc == null ? "" : rc.request().method().name() + " ";
        String sourceIp = rc == null || rc.request().remoteAddress() == null
                ? null
                : rc.request().remoteAddress().hostAddress();
        publish("anonymous", null, null, method + path, path, 401, sourceIp, reason, Map.of());
    }

    private void publish(String actor, String actorId, String client, String action, String resource, int status,
            String sourceIp, String reason, Map<String, Object> request) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actor", actor);
        data.put("actor_id", actorId);
        data.put("client", client);
        data.put("action", action);
        data.put("resource", resource);
        data.put("outcome", status == 401 || status == 403 ? "denied" : status < 400 ? "success" : "failure");
        data.put("status", status);
        data.put("source_ip", sourceIp);
        if (reason != null) {
            data.put("reason", reason);
        }
        data.putAll(request);
        String event = CloudEvent.write(id, SOURCE, "io.pillar.audit.recorded", resource, Instant.now(),
                g -> Json.MAPPER.writeValue(g, data));
        try {
            audit.send(org.eclipse.microprofile.reactive.messaging.Message.of(event)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(id).build()));
        } catch (RuntimeException e) {
            // the request is already answered; losing its audit event must be visible
            LOG.errorf("audit event %s for %s by %s could not be published: %s", id, action, actor, e.toString());
        }
    }

}
