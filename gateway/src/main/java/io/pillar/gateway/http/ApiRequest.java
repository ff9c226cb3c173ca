package io.pillar.gateway.http;

import java.util.Set;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The API request a gateway request stands for. An integration calls {@code /api/v1/...} itself with its bearer
 * token; the console calls the same API at {@code /console/api/v1/...} with its session cookie, and the gateway
 * relays it as {@code /api/v1/...} with the session's access token instead of the cookie, so that limits, audit,
 * routing and the services see one API whichever way it came.
 */
public final class ApiRequest {
    private static final String PATH = "pillar.api-path";
    private static final String BEARER = "pillar.api-bearer";

    private ApiRequest() {
    }

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** Whether the request only reads (GET, HEAD, OPTIONS): anything else may change state. */
    public static boolean isRead(RoutingContext rc) {
        return READS.contains(rc.request().method());
    }

    /** Marks the request as one for {@code path} of the API, made with {@code accessToken}. */
    public static void onBehalf(RoutingContext rc, String path, String accessToken) {
        rc.put(PATH, path);
        rc.put(BEARER, accessToken);
    }

    public static String path(RoutingContext rc) {
        String path = rc.get(PATH);
        return path != null ? path : rc.normalizedPath();
    }

    /** What the owning service is asked for: the API path and the query as the caller sent it. */
    public static String upstreamUri(RoutingContext rc) {
        String path = rc.get(PATH);
        if (path == null) {
            return rc.request().uri();
        }
        String query = rc.request().query();
        return query == null ? path : path + "?" + query;
    }

    /** The console's cookies stay at the gateway; the service gets the session's access token. */
    public static void credentials(RoutingContext rc, MultiMap upstreamHeaders) {
        String bearer = rc.get(BEARER);
        if (bearer != null) {
            upstreamHeaders.remove("Cookie");
            upstreamHeaders.set("Authorization", "Bearer " + bearer);
        }
    }
}
