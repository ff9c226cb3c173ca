package io.pillar.platform.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * W3C Trace Context's {@code traceparent}: the gateway gives every request one (keeping a caller's valid one), and
 * the events a service writes while serving the request carry it to Kafka as a record header of the same name.
 * A service checks it like any other input: one that is not valid is not passed on.
 */
public final class TraceParent {
    public static final String HEADER = "traceparent";
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParent() {
    }

    /** Version 00's form (later versions may append fields, which are not accepted here), ids not all zero. */
    public static boolean valid(String traceparent) {
        return traceparent != null && VALID.matcher(traceparent).matches() && !traceparent.startsWith("ff")
                && !traceparent.substring(3, 35).equals("0".repeat(32))
                && !traceparent.substring(36, 52).equals("0".repeat(16));
    }

    /** A new trace, sampled. */
    public static String newParent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    /** The valid traceparent of the HTTP request being served, or null (none, not valid, or no request). */
    public static String current() {
        if (Arc.container() == null || !Arc.container().requestContext().isActive()) {
            return null;
        }
        try (InstanceHandle<CurrentVertxRequest> request = Arc.container().instance(CurrentVertxRequest.class)) {
            RoutingContext rc = request.isAvailable() ? request.get().getCurrent() : null;
            String given = rc == null ? null : rc.request().getHeader(HEADER);
            return valid(given) ? given : null;
        }
    }
}
