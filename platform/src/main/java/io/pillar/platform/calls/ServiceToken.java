package io.pillar.platform.calls;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.pillar.platform.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;

/**
 * A service's own access token (client credentials of its Keycloak client, {@code quarkus.oidc-client.*}), for what
 * it calls: the other services over gRPC, Keycloak's admin API. Kept until it is about to expire. A service that calls
 * others turns it on with {@code pillar.service-token.enabled=true} and depends on quarkus-oidc-client.
 */
@ApplicationScoped
@IfBuildProperty(name = "pillar.service-token.enabled", stringValue = "true")
public class ServiceToken {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    @Inject
    OidcClient oidc;
    @ConfigProperty(name = "quarkus.oidc-client.client-id")
    String client;
    @ConfigProperty(name = "quarkus.oidc-client.credentials.secret")
    Optional<String> secret;

    private volatile Tokens tokens;

    /** The bearer token; 503 when the service has no secret, 502 when Keycloak gives none. */
    public String get() {
        if (secret.filter(s -> !s.isBlank()).isEmpty()) {
            throw new ProblemException(503, "Service Unavailable", "the " + client + " has no client secret to "
                    + "call other services with");
        }
        Tokens current = tokens;
        if (current == null || current.isAccessTokenWithinRefreshInterval() || current.isAccessTokenExpired()) {
            try {
                current = oidc.getTokens().await().atMost(Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                throw new ProblemException(502, "Bad Gateway", "Keycloak gave the " + client + " no token: "
                        + e.getMessage());
            }
            tokens = current;
        }
        return current.getAccessToken();
    }

    /** The stub, calling with this token and answering within the deadline. */
    public <S extends AbstractStub<S>> S authorize(S stub, Duration deadline) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + get());
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}
