package io.pillar.gateway.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Tried before Quarkus OIDC: an API call whose bearer token was verified before ({@link VerifiedTokens}) gets that
 * token's identity, with this request's routing context. Anything else (no token, a new token, the console's session)
 * is left to OIDC, which also answers every challenge.
 */
@ApplicationScoped
public class KnownTokenMechanism implements HttpAuthenticationMechanism {
    private final VerifiedTokens verified;

    KnownTokenMechanism(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identityProviderManager) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || !VerifiedTokenAugmentor.isApiCall(rc)) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity known = verified.find(authorization.substring(7).trim());
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(known)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, rc)
                .addAttribute(VerifiedTokenAugmentor.FROM_CACHE, Boolean.TRUE).build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
