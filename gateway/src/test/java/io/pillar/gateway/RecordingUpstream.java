package io.pillar.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP server standing where the owning services would, for the gateway's own tests: it answers each request with
 * what it received (method, path, query, Authorization, forwarded headers, traceparent, body length and SHA-256),
 * after {@code delay_ms} when the query asks for it. The real services
 * behind the gateway are exercised by the end-to-end tests.
 */
public class RecordingUpstream implements QuarkusTestResourceLifecycleManager {
    static final Map<String, String> LAST_AUTHORIZATION = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] digest;
            long length = 0;
            try (InputStream body = exchange.getRequestBody()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[65536];
                int n;
                while ((n = body.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                    length += n;
                }
                digest = sha.digest();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            var h = exchange.getRequestHeaders();
            String json = "{\"method\":\"%s\",\"path\":\"%s\",\"query\":\"%s\",\"authorization\":\"%s\",\"forwarded_for\":\"%s\",\"traceparent\":\"%s\",\"length\":%d,\"sha256\":\"%s\"}"
                    .formatted(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestURI().getRawQuery(), h.getFirst("Authorization"),
                            h.getFirst("X-Forwarded-For"), h.getFirst("traceparent"), length,
                            HexFormat.of().formatHex(digest));
            delay(exchange.getRequestURI().getRawQuery());
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().endsWith("/forbidden") ? 403 : 200;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "pillar.gateway.services.findings", url,
                "pillar.gateway.services.inventory", url,
                "pillar.gateway.services.identity", url,
                "pillar.gateway.services.response", url);
    }

    /** {@code delay_ms=N} in the query: the answer comes N ms after the request was read (a slow service). */
    private static void delay(String query) {
        if (query == null) {
            return;
        }
        for (String param : query.split("&")) {
            if (param.startsWith("delay_ms=")) {
                try {
                    Thread.sleep(Long.parseLong(param.substring("delay_ms=".length())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
