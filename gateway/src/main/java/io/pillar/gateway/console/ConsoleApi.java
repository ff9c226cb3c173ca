package io.pillar.gateway.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.pillar.gateway.http.ApiRequest;
import io.pillar.gateway.http.ProblemResponse;
import io.pillar.platform.json.Json;
import io.pillar.platform.security.Caller;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's way into the API. The browser holds only the session cookies of the {@code console} OIDC tenant
 * (authorization code with PKCE, tokens encrypted in HttpOnly cookies); its calls to {@code /console/api/v1/...}
 * are relayed as {@code /api/v1/...} with the session's access token, through the same limits, audit and relay as
 * an integration's. A state-changing call must carry the session's CSRF token in {@code X-CSRF-Token} and, when the
 * browser names its origin, come from this one: a page of another site cannot make the browser act for its user.
 */
@ApplicationScoped
public class ConsoleApi {
    /** After authentication, before the request guard (9,000). */
    static final int ORDER = 8_500;
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PREFIX = "/console";

    private final CsrfTokens csrf;

    ConsoleApi(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    void register(@Observes Router router) {
        router.route("/console/api/*").order(ORDER).handler(this::toApi);
        router.get("/console/session").order(ORDER).handler(this::session);
        // exact paths: Vert.x would match "/console" to "/console/" too, and redirect it to itself
        router.routeWithRegex("^/(console)?$").order(ORDER).handler(rc -> rc.redirect("/console/"));
    }

    void toApi(RoutingContext rc) {
        SecurityIdentity identity = identity(rc);
        AccessTokenCredential token = identity == null ? null : identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            ProblemResponse.send(rc, 401, "Unauthorized", "the console session has ended; log in again");
            return;
        }
        if (!ApiRequest.isRead(rc)) {
            String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
            if (origin != null && !origin.equals(ownOrigin(rc))) {
                ProblemResponse.send(rc, 403, "Forbidden", "the console accepts changes from its own pages only, "
                        + "not from " + origin);
                return;
            }
            if (!csrf.matches(identity, rc.request().getHeader(CSRF_HEADER))) {
                ProblemResponse.send(rc, 403, "Forbidden", "header " + CSRF_HEADER + " is missing or is not this "
                        + "session's: reload the console");
                return;
            }
        }
        ApiRequest.onBehalf(rc, rc.normalizedPath().substring(PREFIX.length()), token.getToken());
        rc.next();
    }

    /** Who is logged in, what they may do, and the CSRF token the pages send with every change. */
    void session(RoutingContext rc) {
        SecurityIdentity identity = identity(rc);
        if (identity == null) {
            ProblemResponse.send(rc, 401, "Unauthorized", "not logged in");
            return;
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user", identity.getPrincipal().getName());
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object name = jwt.getClaim("name");
            session.put("name",
                    name instanceof JsonString text ? text.getString() : name == null ? null : name.toString());
            session.put("teams", new TreeSet<>(Caller.of(identity).teams()));
        }
        session.put("roles", new TreeSet<>(identity.getRoles()));
        session.put("csrf_token", csrf.of(identity));
        try {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Json.MAPPER.writeValueAsString(session));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    private static SecurityIdentity identity(RoutingContext rc) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        return identity == null || identity.isAnonymous() ? null : identity;
    }

    private static String ownOrigin(RoutingContext rc) {
        return rc.request().scheme() + "://" + rc.request().authority();
    }
}
