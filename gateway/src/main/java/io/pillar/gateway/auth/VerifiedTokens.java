package io.pillar.gateway.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pillar.gateway.config.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Bearer tokens of API callers that Quarkus OIDC has verified (signature, issuer, audience, times), with the identity
 * made of each, so that a client sending the same token again is not verified from scratch on every request: the
 * verification was a third of the gateway's work per request. An entry is the exact token text, kept until the
 * token expires and at most {@code pillar.gateway.auth.verified-token-ttl} (a key Keycloak rotated out stops being
 * honoured within that time); a forged or altered token is different text and is verified in full. At most
 * {@code pillar.gateway.auth.verified-tokens} entries are kept.
 */
@ApplicationScoped
public class VerifiedTokens {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
    private final long ttlNanos;
    private final int capacity;

    @Inject
    VerifiedTokens(GatewayConfig config) {
        this(config.auth().verifiedTokenTtl(), config.auth().verifiedTokens());
    }

    VerifiedTokens(Duration ttl, int capacity) {
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
    }

    private record Entry(SecurityIdentity identity, long expiresNanos, long tokenExpiresEpochSeconds) {
        boolean valid(long nowNanos, long nowEpochSeconds) {
            return nowNanos < expiresNanos && nowEpochSeconds < tokenExpiresEpochSeconds;
        }
    }

    /** The identity of a token verified before, while the entry and the token are both still valid. */
    SecurityIdentity find(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!entry.valid(System.nanoTime(), System.currentTimeMillis() / 1000)) {
            entries.remove(token, entry);
            return null;
        }
        answered.incrementAndGet();
        return entry.identity();
    }

    /** How many requests were answered from memory. */
    long answered() {
        return answered.get();
    }

    /** Keeps the identity Quarkus OIDC made of a token it verified; a token without an expiry is not kept. */
    void remember(String token, SecurityIdentity identity) {
        if (ttlNanos <= 0 || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        if (entries.size() >= capacity) {
            forgetExpired();
            if (entries.size() >= capacity) {
                entries.clear(); // a flood of distinct tokens: they are verified in full, as without this cache
            }
        }
        entries.put(token, new Entry(identity, System.nanoTime() + ttlNanos, jwt.getExpirationTime()));
    }

    int size() {
        return entries.size();
    }

    private void forgetExpired() {
        long nowNanos = System.nanoTime();
        long nowSeconds = System.currentTimeMillis() / 1000;
        entries.values().removeIf(entry -> !entry.valid(nowNanos, nowSeconds));
    }
}
