package io.pillar.gateway.proxy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.pillar.gateway.config.GatewayConfig;
import io.pillar.gateway.http.ApiRequest;
import io.pillar.gateway.http.ProblemResponse;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Routes every {@code /api/v1/...} prefix to the service that owns it ({@link UpstreamRelay}). The gateway has
 * already verified the caller's token, and the service verifies it again. Unknown API paths answer 404 as a problem.
 */
@ApplicationScoped
public class ApiRoutes {
    static final int PROXY_ORDER = 10_000;

    void register(@Observes Router router, Vertx vertx, GatewayConfig config) {
        Map<Pattern, UpstreamRelay> relays = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> route : config.routes().entrySet()) {
            URI upstream = config.services().get(route.getKey());
            if (upstream == null) {
                throw new IllegalStateException("pillar.gateway.routes." + route.getKey()
                        + " names a service without pillar.gateway.services." + route.getKey());
            }
            UpstreamRelay relay = new UpstreamRelay(vertx, route.getKey(), upstream);
            for (String prefix : route.getValue()) {
                Pattern pattern = Pattern.compile("^" + Pattern.quote(prefix) + "(/.*)?$");
                relays.put(pattern, relay);
                router.routeWithRegex(pattern.pattern()).order(PROXY_ORDER).handler(relay::handle);
            }
        }
        router.route("/api/*").order(PROXY_ORDER + 1).handler(ApiRoutes::notFound);
        // the console's calls, already given their API path and the session's token (ConsoleApi)
        router.route("/console/api/*").order(PROXY_ORDER).handler(rc -> relays.entrySet().stream()
                .filter(r -> r.getKey().matcher(ApiRequest.path(rc)).matches()).findFirst()
                .ifPresentOrElse(r -> r.getValue().handle(rc), () -> notFound(rc)));
    }

    private static void notFound(RoutingContext rc) {
        ProblemResponse.send(rc, 404, "Not Found", "no Pillar API is served at " + ApiRequest.path(rc));
    }
}
