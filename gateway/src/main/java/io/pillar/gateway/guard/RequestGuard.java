package io.pillar.gateway.guard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pillar.gateway.audit.RequestAuditor;
import io.pillar.gateway.config.GatewayConfig;
import io.pillar.gateway.http.ApiRequest;
import io.pillar.gateway.http.ProblemResponse;
import io.pillar.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What an authenticated API request must pass before it is relayed: its body's declared size (413 before anything
 * is read: 100 MB where reports are imported, 1 MB elsewhere), the rate of its user and of its client (token buckets;
 * 429 with {@code Retry-After}), the number of imports its client has running (429), and a time bound for text
 * searches. It also gives every request a W3C {@code traceparent} that the services receive.
 */
@ApplicationScoped
public class RequestGuard {
    /** Before the relay's routes (10,000), after authentication (done before any route). */
    static final int ORDER = 9_000;
    /** Largest body the relay lets through for this request (a chunked one is counted as it streams). */
    public static final String BODY_LIMIT = "pillar.body-limit";
    /** Milliseconds the relay waits for the answer to this request, when bounded. */
    public static final String ANSWER_TIMEOUT = "pillar.answer-timeout";

    private final GatewayConfig.Limits limits;
    private final List<Pattern> importPaths;
    private final TokenBuckets users;
    private final TokenBuckets clients;
    private final Map<String, AtomicInteger> importsRunning = new ConcurrentHashMap<>();

    private final RequestAuditor auditor;

    RequestGuard(GatewayConfig config, RequestAuditor auditor) {
        this.auditor = auditor;
        this.limits = config.limits();
        this.importPaths = limits.importPaths().stream().map(RequestGuard::pathPattern).toList();
        this.users = new TokenBuckets(limits.user().perSecond(), limits.user().burst());
        this.clients = new TokenBuckets(limits.client().perSecond(), limits.client().burst());
    }

    void register(@Observes Router router, Vertx vertx) {
        router.route("/api/*").order(ORDER).handler(this::guard);
        router.route("/console/api/*").order(ORDER).handler(this::guard);
        vertx.setPeriodic(60_000, id -> {
            users.forgetFull(System.nanoTime());
            clients.forgetFull(System.nanoTime());
        });
    }

    void guard(RoutingContext rc) {
        HttpServerRequest in = rc.request();
        TraceContext.ensure(in);
        auditor.onEnd(rc);
        boolean isImport = in.method() == HttpMethod.POST && isImportPath(ApiRequest.path(rc));
        long limit = (isImport ? limits.importBody() : limits.body()).asLongValue();
        rc.put(BODY_LIMIT, limit);
        Long declared = declaredLength(in);
        if (declared != null && declared > limit) {
            tooLarge(rc, limit);
            return;
        }
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            rc.next(); // refused by the permission check; nothing to count
            return;
        }
        String user = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        String azp = Caller.clientOf(identity);
        // a token naming no client counts as a client of its own, never in one bucket shared by all such tokens
        String client = azp != null ? azp : "(no azp, user " + user + ")";
        long now = System.nanoTime();
        long userWait = users.take(user, now);
        long clientWait = userWait == 0 ? clients.take(client, now) : 0;
        if (userWait > 0 || clientWait > 0) {
            boolean byUser = userWait > 0;
            GatewayConfig.Rate rate = byUser ? limits.user() : limits.client();
            ProblemResponse.retryLater(rc, 429, "Too Many Requests", (byUser ? "user " : "client ")
                    + (byUser ? identity.getPrincipal().getName() : client) + " sent more than " + rate.perSecond()
                    + " requests per second (bursts up to " + rate.burst() + "); retry after the time given",
                    seconds(Math.max(userWait, clientWait)));
            return;
        }
        if (isImport && !startImport(rc, client)) {
            return;
        }
        if (rc.queryParams().contains("q")) {
            rc.put(ANSWER_TIMEOUT, limits.searchTimeout().toMillis());
        }
        rc.next();
    }

    private boolean startImport(RoutingContext rc, String client) {
        AtomicInteger running = importsRunning.computeIfAbsent(client, c -> new AtomicInteger());
        if (running.incrementAndGet() > limits.concurrentImportsPerClient()) {
            running.decrementAndGet();
            ProblemResponse.retryLater(rc, 429, "Too Many Requests", "client " + client + " already has "
                    + limits.concurrentImportsPerClient() + " imports running through the gateway; send this one "
                    + "when one of them has been answered", 5);
            return false;
        }
        rc.addEndHandler(done -> running.decrementAndGet());
        return true;
    }

    private boolean isImportPath(String path) {
        return importPaths.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** Answers 413 at once, without reading the body; the connection is closed after the answer. */
    public static void tooLarge(RoutingContext rc, long limit) {
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        ProblemResponse.send(rc, 413, "Content Too Large", "the request body is larger than the " + limit
                + " bytes accepted at " + rc.normalizedPath()).onComplete(sent -> rc.request().connection().close());
    }

    private static Long declaredLength(HttpServerRequest in) {
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a length: refused as too large rather than trusted
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1)));
    }

    /** A path with {@code {name}} segments: each matches one segment. */
    static Pattern pathPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex + "/?");
    }
}
