package io.pillar.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A service that misbehaves on purpose, at the socket level, behind {@code /api/v1/faulty}; and {@code /api/v1/gone},
 * a service where nothing listens. {@code /early}: answers 415 after the request's head, before reading its body
 * (then reads the body, as a service's server does, and closes). {@code /stale?key=k}: the first connection for a key
 * is closed without an answer (as a pooled connection the service closed just then), the next ones are answered 200
 * with how many requests for that key arrived. {@code /endless}: an answer that never ends (1 KB every 10 ms) until
 * its connection is closed, which {@link #ENDLESS_CLOSED} counts. {@code /brief}: answered 200 as if the connection
 * stayed open, then closed at once (a service closing idle connections as the gateway hands them out).
 */
public class FaultyUpstream implements QuarkusTestResourceLifecycleManager {
    static final Map<String, AtomicInteger> ARRIVED = new ConcurrentHashMap<>();
    static final AtomicInteger ENDLESS_CLOSED = new AtomicInteger();
    /** Connections the gateway opened to this service. */
    static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private ServerSocket server;
    private Thread acceptor;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            int gone;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                gone = closed.getLocalPort();
            }
            acceptor = Thread.ofPlatform().daemon().name("faulty-upstream").start(this::accept);
            return Map.of("pillar.gateway.services.faulty", "http://127.0.0.1:" + server.getLocalPort(),
                    "pillar.gateway.routes.faulty", "/api/v1/faulty",
                    "pillar.gateway.services.gone", "http://127.0.0.1:" + gone,
                    "pillar.gateway.routes.gone", "/api/v1/gone",
                    // the early answer comes to a report-sized upload
                    "pillar.gateway.limits.import-paths",
                    "/api/v1/findings/imports,/api/v1/assets/imports,/api/v1/identity/imports,/api/v1/faulty/early");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                CONNECTIONS.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                if (target.startsWith("/api/v1/faulty/early")) {
                    String problem = "{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,"
                            + "\"detail\":\"not a known format\"}";
                    write(out, 415, "Unsupported Media Type", problem, true);
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                if (target.startsWith("/api/v1/faulty/endless")) {
                    endless(out);
                    return;
                }
                if (target.startsWith("/api/v1/faulty/brief")) {
                    skipBody(in, head);
                    write(out, 200, "OK", "{}", false);
                    return;
                }
                String key = target.contains("key=") ? target.substring(target.indexOf("key=") + 4) : "";
                int arrived = ARRIVED.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                if (target.startsWith("/api/v1/faulty/stale") && arrived == 1) {
                    return;
                }
                skipBody(in, head);
                write(out, 200, "OK", "{\"arrived\":" + arrived + "}", false);
            }
        } catch (IOException e) {
            // the gateway went away
        }
    }

    private static void endless(OutputStream out) {
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("400\r\n" + "x".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(chunk);
                out.flush();
                Thread.sleep(10);
            }
        } catch (IOException e) {
            ENDLESS_CLOSED.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, int status, String reason, String json, boolean close)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: "
                + (status >= 400 ? "application/problem+json" : "application/json") + "\r\nContent-Length: "
                + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                in.skipNBytes(Long.parseLong(line.substring(15).trim()));
            }
        }
    }

    /** The request line and headers, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
