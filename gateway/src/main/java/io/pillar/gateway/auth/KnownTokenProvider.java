package io.pillar.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Asked before Quarkus OIDC: answers the identity of an API caller's bearer token it verified before
 * ({@link VerifiedTokens}), with this request's routing context; anything else (a new token, the console's session)
 * goes on to OIDC.
 */
@ApplicationScoped
public class KnownTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final VerifiedTokens verified;

    KnownTokenProvider(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (!(request.getToken() instanceof AccessTokenCredential) || !VerifiedTokenAugmentor.isApiCall(rc)) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity known = verified.find(request.getToken().getToken());
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(known)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, rc)
                .addAttribute(VerifiedTokenAugmentor.FROM_CACHE, Boolean.TRUE).build());
    }
}
