package io.pillar.gateway.guard;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;

/**
 * W3C Trace Context: a request that comes with a valid {@code traceparent} keeps it (the caller's trace goes on), any
 * other gets a new one, so that a service's logs and the events it publishes can name the request they came from.
 */
final class TraceContext {
    static final String HEADER = "traceparent";
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceContext() {
    }

    static void ensure(HttpServerRequest in) {
        String given = in.getHeader(HEADER);
        if (given == null || !valid(given)) {
            in.headers().set(HEADER, newParent());
            in.headers().remove("tracestate");
        }
    }

    static boolean valid(String traceparent) {
        return VALID.matcher(traceparent).matches() && !traceparent.startsWith("ff")
                && !traceparent.substring(3, 35).equals("0".repeat(32))
                && !traceparent.substring(36, 52).equals("0".repeat(16));
    }

    static String newParent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
