package io.pillar.gateway.http;

import io.pillar.contracts.api.Problem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own answers: {@code application/problem+json} naming the path. */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    public static Future<Void> send(RoutingContext rc, int status, String title, String detail) {
        HttpServerResponse response = rc.response();
        return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(status, title, detail, rc.normalizedPath())));
    }

    /** 429 or 503 with {@code Retry-After} in whole seconds (at least 1). */
    public static void retryLater(RoutingContext rc, int status, String title, String detail, long seconds) {
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
        send(rc, status, title, detail);
    }
}
