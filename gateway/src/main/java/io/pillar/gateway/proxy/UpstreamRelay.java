package io.pillar.gateway.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.pillar.gateway.guard.RequestGuard;
import io.pillar.gateway.http.ApiRequest;
import io.pillar.gateway.http.ProblemResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;

/**
 * Relays API requests to one service: the request body streamed (never buffered), the caller's token unchanged, the
 * service's answer passed back as it was given, even when it answers before reading the whole body (a 415 or 413
 * after the first bytes): the answer is relayed and the rest of the caller's body read and dropped. When
 * the service cannot be reached the caller gets a problem naming it: 503 with {@code Retry-After} while nothing
 * listens (a restart), 502 when it closed the connection without answering. A pooled connection the service closes
 * just as it is handed out is not a failure of the request: any request whose connection failed before a byte of it
 * was sent, and a request without a body whose method is idempotent whose connection failed before any answer, is sent
 * once more on a new connection.
 */
final class UpstreamRelay {
    private static final Logger LOG = Logger.getLogger(UpstreamRelay.class);
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    private final String service;
    private final String host;
    private final int port;
    private final HttpClient pooled;
    private final HttpClient fresh;

    UpstreamRelay(Vertx vertx, String name, URI upstream) {
        this.service = name + "-service";
        this.host = upstream.getHost();
        this.port = upstream.getPort();
        // idle connections are closed here before a service's own idle timeout could close them under a request
        this.pooled = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setKeepAliveTimeout(20));
        this.fresh = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    }

    void handle(RoutingContext rc) {
        HttpServerRequest in = rc.request();
        in.pause();
        send(rc, pooled, !hasBody(in) && IDEMPOTENT.contains(in.method()));
    }

    private void send(RoutingContext rc, HttpClient client, boolean mayRetry) {
        HttpServerRequest in = rc.request();
        RequestOptions options = new RequestOptions().setHost(host).setPort(port).setMethod(in.method())
                .setURI(ApiRequest.upstreamUri(rc)).setHeaders(upstreamHeaders(rc));
        Long timeout = rc.get(RequestGuard.ANSWER_TIMEOUT);
        if (timeout != null) {
            options.setIdleTimeout(timeout);
        }
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                if (client == pooled) {
                    LOG.debugf("no connection to %s for %s %s (%s); trying a new one", service, in.method(),
                            in.path(), describe(connected.cause()));
                    send(rc, fresh, mayRetry);
                } else {
                    unavailable(rc, connected.cause());
                }
                return;
            }
            HttpClientRequest out = connected.result();
            Relay relay = new Relay(rc, out);
            out.response().onComplete(answer -> {
                if (answer.succeeded()) {
                    relay.answer(answer.result());
                } else if (answer.cause() instanceof TimeoutException && timeout != null) {
                    relay.timedOut(timeout);
                } else if (mayRetry && client == pooled && !rc.response().headWritten()) {
                    LOG.debugf("%s closed the connection before answering %s %s; sending it again on a new "
                            + "connection", service, in.method(), in.path());
                    send(rc, fresh, mayRetry);
                } else {
                    relay.failed(answer.cause());
                }
            });
            if (hasBody(in)) {
                relay.sendBody();
            } else {
                out.end();
            }
        });
    }

    /** One attempt: the body going up, the answer coming down. */
    private final class Relay {
        private final RoutingContext rc;
        private final HttpClientRequest out;
        private Pipe<io.vertx.core.buffer.Buffer> body;
        private LimitedBody limited;
        private boolean bodySent;
        private boolean answered;

        Relay(RoutingContext rc, HttpClientRequest out) {
            this.rc = rc;
            this.out = out;
        }

        void sendBody() {
            HttpServerRequest in = rc.request();
            String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            } else {
                out.setChunked(true);
            }
            Long limit = rc.get(RequestGuard.BODY_LIMIT);
            limited = new LimitedBody(in, limit == null ? Long.MAX_VALUE : limit);
            body = limited.pipe().endOnFailure(false);
            body.to(out).onComplete(done -> {
                if (done.succeeded()) {
                    bodySent = true;
                } else if (!answered) {
                    // the caller went away (or the service did, which the answer's failure reports)
                    out.reset();
                }
            });
        }

        void answer(HttpClientResponse upstream) {
            answered = true;
            HttpServerResponse response = rc.response();
            if (response.closed()) {
                out.reset();
                return;
            }
            boolean early = body != null && !bodySent;
            if (early) {
                // answered before it read everything: the rest of the caller's body is read and dropped, so the
                // caller finishes sending and reads this answer (a connection closed under a sender is a reset to
                // it); the connection to the service is done once the answer has been relayed
                body.close();
                drain(rc.request());
            }
            response.setStatusCode(upstream.statusCode()).setStatusMessage(upstream.statusMessage());
            upstream.headers().forEach(h -> {
                if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    response.headers().add(h.getKey(), h.getValue());
                }
            });
            String length = upstream.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
            } else if (rc.request().method() != HttpMethod.HEAD && upstream.statusCode() != 204
                    && upstream.statusCode() != 304) {
                response.setChunked(true);
            }
            rc.addEndHandler(ended -> {
                // an HTTP/2 stream reports its close as a failure even after a whole answer: only a caller that
                // hung up before the end stops the relay
                if (ended.failed() && !response.ended()) {
                    // nothing more is read from the service, whose connection is closed
                    upstream.handler(null);
                    out.reset();
                }
            });
            upstream.pipeTo(response).onComplete(done -> {
                if (early) {
                    out.reset();
                }
                if (done.failed()) {
                    // the caller went away (or the service broke off): the rest of the answer is dropped with the
                    // connection it comes on, which is never handed to another request half read
                    upstream.handler(null);
                    out.reset();
                    if (!response.closed()) {
                        LOG.warnf("%s's answer to %s %s broke off: %s", service, rc.request().method(),
                                rc.request().path(), done.cause());
                        response.reset();
                    }
                }
            });
        }

        void failed(Throwable cause) {
            if (limited != null && limited.exceeded()) {
                if (!rc.response().headWritten()) {
                    RequestGuard.tooLarge(rc, rc.<Long>get(RequestGuard.BODY_LIMIT));
                }
                return;
            }
            LOG.warnf("%s closed the connection before answering %s %s: %s", service, rc.request().method(),
                    rc.request().path(), cause.getMessage());
            problem(rc, 502, "Bad Gateway", service + " closed the connection before answering ("
                    + describe(cause) + "); the request may or may not have been carried out: check (an import "
                    + "is listed among the imports) before sending it again", false);
        }

        void timedOut(long millis) {
            out.reset();
            problem(rc, 504, "Gateway Timeout", service + " did not answer within " + millis + " ms, the time a "
                    + "text search (q=) may take; the search was stopped: narrow it with more filters", false);
        }
    }

    private void unavailable(RoutingContext rc, Throwable cause) {
        LOG.warnf("%s is unreachable for %s %s: %s", service, rc.request().method(), rc.request().path(),
                cause.getMessage());
        problem(rc, 503, "Service Unavailable", service + " is not answering (" + describe(cause)
                + "); it may be restarting: retry after " + RETRY_AFTER_SECONDS + " s", true);
    }

    private static void problem(RoutingContext rc, int status, String title, String detail, boolean retryAfter) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.closed()) {
            response.reset();
            return;
        }
        // the body was not (all) sent: the rest is read and dropped, so the caller finishes sending and gets this answer
        drain(rc.request());
        if (retryAfter) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        ProblemResponse.send(rc, status, title, detail);
    }

    private static void drain(HttpServerRequest in) {
        if (!in.isEnded()) {
            in.handler(dropped -> {
            });
            in.resume();
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static boolean hasBody(HttpServerRequest in) {
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return in.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** The caller's headers without hop-by-hop ones, and who called: X-Forwarded-For/Host/Proto. */
    private static MultiMap upstreamHeaders(RoutingContext rc) {
        HttpServerRequest in = rc.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        String prior = in.getHeader("X-Forwarded-For");
        String client = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        headers.set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
        headers.set("X-Forwarded-Proto", in.scheme());
        if (in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        ApiRequest.credentials(rc, headers);
        return headers;
    }
}
