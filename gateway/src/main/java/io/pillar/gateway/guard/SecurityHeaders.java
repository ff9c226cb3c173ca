package io.pillar.gateway.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;

/**
 * Headers on every answer, the gateway's own refusals (401, 413, 429) included: no sniffing, no framing, no referrer,
 * a content security policy that allows only this origin, not cached; HSTS only when the request came over TLS (sent
 * over plain HTTP it would mean nothing, and a browser ignores it there).
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            boolean tls = rc.request().isSSL();
            rc.addHeadersEndHandler(v -> {
                HttpServerResponse r = rc.response();
                r.putHeader("X-Content-Type-Options", "nosniff");
                r.putHeader("X-Frame-Options", "DENY");
                r.putHeader("Referrer-Policy", "no-referrer");
                r.putHeader("Content-Security-Policy", CSP);
                if (!r.headers().contains("Cache-Control")) {
                    r.putHeader("Cache-Control", "no-store");
                }
                if (tls) {
                    r.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
            });
            rc.next();
        }, 1_000);
    }
}
