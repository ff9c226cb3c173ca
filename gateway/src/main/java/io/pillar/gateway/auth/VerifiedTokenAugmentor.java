package io.pillar.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs after every other augmentor: an API caller's bearer token that Quarkus OIDC has just verified is remembered
 * with its identity ({@link VerifiedTokens}). The console's sessions are not: their tokens live in cookies and are
 * verified by OIDC each time.
 */
@ApplicationScoped
public class VerifiedTokenAugmentor implements SecurityIdentityAugmentor {
    static final String FROM_CACHE = "pillar.verified-token";
    private final VerifiedTokens verified;

    VerifiedTokenAugmentor(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getAttribute(FROM_CACHE) == null
                && isApiCall(HttpSecurityUtils.getRoutingContextAttribute(identity))) {
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null && token.getToken() != null) {
                verified.remember(token.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }

    /** A call of the public API with a bearer token, not a console page or the console's relayed calls. */
    static boolean isApiCall(RoutingContext rc) {
        return rc != null && rc.normalizedPath().startsWith("/api/");
    }
}
