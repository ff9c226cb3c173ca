package io.pillar.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pillar.gateway.config.GatewayConfig;
import io.pillar.gateway.http.ProblemResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/openapi.json}: one OpenAPI document for the whole public API, made from each service's own
 * (asked with the caller's token, as the caller may see them): the paths each service serves under the prefixes the
 * gateway routes to it, and the schemas they use. A service that does not answer makes it a 503 naming the service
 * rather than a document with holes.
 */
@ApplicationScoped
public class OpenApiDocument {
    public static final String PATH = "/api/v1/openapi.json";

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "0")
    String version;

    void register(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient();
        // before the relay's routes and the API's 404
        router.get(PATH).order(ApiRoutes.PROXY_ORDER - 1).handler(rc -> serve(rc, client, config));
    }

    private void serve(RoutingContext rc, HttpClient client, GatewayConfig config) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        List<String> services = new ArrayList<>(config.routes().keySet());
        List<Future<JsonObject>> documents = new ArrayList<>();
        for (String service : services) {
            documents.add(fetch(client, config.services().get(service), authorization)
                    .recover(e -> Future.failedFuture(new IllegalStateException(service + "-service: "
                            + e.getMessage()))));
        }
        Future.join(documents).onComplete(all -> {
            if (all.failed()) {
                ProblemResponse.retryLater(rc, 503, "Service Unavailable", "the API document could not be made: "
                        + all.cause().getMessage(), 5);
                return;
            }
            JsonObject merged = new JsonObject().put("openapi", "3.0.3")
                    .put("info", new JsonObject().put("title", "Pillar API").put("version", version)
                            .put("description", "Every route of the gateway, as the owning services describe them."))
                    .put("servers", List.of(new JsonObject().put("url", "/")))
                    .put("security", List.of(new JsonObject().put("bearer", List.of())));
            JsonObject paths = new JsonObject();
            JsonObject schemas = new JsonObject();
            for (int i = 0; i < services.size(); i++) {
                JsonObject doc = documents.get(i).result();
                List<String> prefixes = config.routes().get(services.get(i));
                JsonObject servicePaths = doc.getJsonObject("paths", new JsonObject());
                for (String path : servicePaths.fieldNames()) {
                    if (prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
                        paths.put(path, servicePaths.getValue(path));
                    }
                }
                JsonObject components = doc.getJsonObject("components", new JsonObject());
                components.getJsonObject("schemas", new JsonObject()).forEach(s -> schemas.put(s.getKey(),
                        s.getValue()));
            }
            merged.put("paths", paths).put("components", new JsonObject().put("schemas", schemas)
                    .put("securitySchemes", new JsonObject().put("bearer", new JsonObject().put("type", "http")
                            .put("scheme", "bearer").put("bearerFormat", "JWT"))));
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(merged.encode());
        });
    }

    private static Future<JsonObject> fetch(HttpClient client, URI service, String authorization) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(service.getHost())
                .setPort(service.getPort()).setURI("/q/openapi?format=json").setIdleTimeout(10_000)
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return client.request(options).compose(r -> r.send()).compose(r -> body(r));
    }

    private static Future<JsonObject> body(HttpClientResponse r) {
        return r.body().compose((Buffer b) -> r.statusCode() == 200
                ? Future.succeededFuture(new JsonObject(b))
                : Future.failedFuture(new IllegalStateException("answered " + r.statusCode())));
    }
}
