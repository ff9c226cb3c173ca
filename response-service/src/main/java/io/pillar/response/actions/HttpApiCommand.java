package io.pillar.response.actions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.response.engine.ActionPerformer.Done;
import io.pillar.response.engine.ActionPerformer.Performed;
import io.pillar.response.engine.ActionPerformer.Retry;
import io.pillar.response.engine.Variables;

/**
 * A CACAO {@code http-api} command: {@code "GET /path HTTP/1.1"} against the step's http-api target (its address and
 * port), or an absolute URL. Only hosts on the allow-list are called (no server-side request forgery: a playbook
 * cannot reach the metadata service or an internal admin port), redirects are not followed, and the answer is read up
 * to a limit. The first out argument receives the body; a 5xx or an unreachable host is tried again, other 4xx fail.
 */
public final class HttpApiCommand {
    private static final Pattern REQUEST_LINE = Pattern.compile(
            "(GET|POST|PUT|PATCH|DELETE|HEAD)\\s+(\\S+)(?:\\s+HTTP/[0-9.]+)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final int MAX_BODY = 1 << 20;
    private final Set<String> allowedHosts;
    private final HttpClient client;

    public HttpApiCommand(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT).trim())
                .filter(h -> !h.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The request the command makes, checked against the allow-list. */
    public HttpRequest request(JsonNode command, JsonNode step, JsonNode playbook, Variables vars, Duration timeout) {
        Matcher m = REQUEST_LINE.matcher(vars.substitute(command.path("command").asText()));
        if (!m.matches()) {
            throw new IllegalArgumentException("http-api command must read \"METHOD path-or-URL [HTTP/1.1]\"");
        }
        URI uri = target(m.group(2), step, playbook, vars);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("http-api calls http or https, not " + uri.getScheme());
        }
        if (!allowedHosts.contains(host) && !allowedHosts.contains(host + ":" + port(uri))) {
            throw new IllegalArgumentException("host " + host + " is not on the allow-list "
                    + "(pillar.response.http.allowed-hosts)");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        command.path("headers").properties().forEach(h -> {
            for (JsonNode v : h.getValue().isArray() ? h.getValue() : List.of(h.getValue())) {
                b.header(h.getKey(), vars.substitute(v.asText()));
            }
        });
        byte[] body = command.has("content_b64")
                ? Base64.getDecoder().decode(command.get("content_b64").asText())
                : command.has("content")
                        ? vars.substitute(command.get("content").asText()).getBytes()
                        : new byte[0];
        b.method(m.group(1).toUpperCase(Locale.ROOT), body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return b.build();
    }

    /**
     * Calls the host. The request carries the step's idempotency key ({@code Idempotency-Key}, unless the command sets
     * one): a step that runs again after a restart sends the same key, so a receiver that honours it acts once.
     */
    public Performed perform(JsonNode command, JsonNode step, JsonNode playbook, Variables vars, Duration timeout,
            String idempotencyKey) {
        HttpRequest request;
        try {
            HttpRequest built = request(command, step, playbook, vars, timeout);
            request = built.headers().firstValue("Idempotency-Key").isPresent()
                    ? built
                    : HttpRequest.newBuilder(built, (name, value) -> true).header("Idempotency-Key", idempotencyKey)
                            .build();
        } catch (IllegalArgumentException e) {
            return new Done(false, Map.of(), e.getMessage());
        }
        try {
            HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(answer.body(), 0, Math.min(answer.body().length, MAX_BODY),
                    java.nio.charset.StandardCharsets.UTF_8);
            String what = request.method() + " " + request.uri() + " answered " + answer.statusCode();
            if (answer.statusCode() >= 500) {
                return new Retry(Duration.ofSeconds(1), what);
            }
            Map<String, String> outputs = step.path("out_args").size() > 0
                    ? Map.of(step.get("out_args").get(0).asText(), body)
                    : Map.of();
            return answer.statusCode() < 400 ? new Done(true, outputs, null) : new Done(false, outputs, what);
        } catch (HttpTimeoutException e) {
            return new Retry(Duration.ofSeconds(1), request.uri() + " did not answer within " + timeout);
        } catch (IOException e) {
            return new Retry(Duration.ofSeconds(1), request.uri() + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retry(Duration.ofSeconds(1), "interrupted");
        }
    }

    /** An absolute URL as written, else the path on the step's first http-api target (address and port). */
    private static URI target(String pathOrUrl, JsonNode step, JsonNode playbook, Variables vars) {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            return URI.create(pathOrUrl);
        }
        for (JsonNode id : step.path("targets")) {
            JsonNode t = playbook.path("target_definitions").path(id.asText());
            if (t.isMissingNode()) {
                t = playbook.path("agent_definitions").path(id.asText());
            }
            if ("http-api".equals(t.path("type").asText())) {
                return URI.create(base(t, vars) + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
            }
        }
        JsonNode agent = playbook.path("agent_definitions").path(step.path("agent").asText());
        if ("http-api".equals(agent.path("type").asText())) {
            return URI.create(base(agent, vars) + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
        }
        throw new IllegalArgumentException("http-api command with a path needs an http-api target or agent");
    }

    private static String base(JsonNode target, Variables vars) {
        JsonNode address = target.path("address");
        String host = null;
        for (String kind : List.of("url", "dname", "ipv4", "ipv6")) {
            if (address.path(kind).size() > 0) {
                host = vars.substitute(address.get(kind).get(0).asText());
                break;
            }
        }
        if (host == null) {
            throw new IllegalArgumentException("the http-api target has no address");
        }
        host = host.replaceAll("/+$", "");
        if (host.startsWith("http://") || host.startsWith("https://")) {
            return host;
        }
        // CACAO names no scheme: https unless a port other than 443 is given (write a URL in the command otherwise)
        String port = target.hasNonNull("port") ? vars.substitute(target.get("port").asText()) : "443";
        return port.equals("443") ? "https://" + host : "http://" + host + ":" + port;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
