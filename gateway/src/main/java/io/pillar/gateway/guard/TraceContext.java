package io.pillar.gateway.guard;

import io.pillar.platform.trace.TraceParent;
import io.vertx.core.http.HttpServerRequest;

/**
 * W3C Trace Context: a request that comes with a valid {@code traceparent} keeps it (the caller's trace goes on), any
 * other gets a new one, so that a service's logs and the events it publishes can name the request they came from.
 */
final class TraceContext {
    static final String HEADER = TraceParent.HEADER;

    private TraceContext() {
    }

    static void ensure(HttpServerRequest in) {
        String given = in.getHeader(HEADER);
        if (!TraceParent.valid(given)) {
            in.headers().set(HEADER, TraceParent.newParent());
            in.headers().remove("tracestate");
        }
    }
}
