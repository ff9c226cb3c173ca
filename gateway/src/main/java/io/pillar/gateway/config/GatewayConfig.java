package io.pillar.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where each owning service listens, which API path prefixes it owns, and what a caller may send. */
@ConfigMapping(prefix = "pillar.gateway")
public interface GatewayConfig {

    /** Service name -> base URL, e.g. findings -> http://127.0.0.1:8082. */
    Map<String, URI> services();

    /** Service name -> the path prefixes routed to it, e.g. findings -> /api/v1/findings, /api/v1/subscriptions. */
    Map<String, List<String>> routes();

    Limits limits();

    /** Bearer tokens verified once and answered from memory afterwards (VerifiedTokens). */
    Auth auth();

    interface Auth {
        /** How long a verified token is answered from memory, never past its expiry; 0 verifies every request. */
        @WithDefault("30s")
        Duration verifiedTokenTtl();

        /** How many verified tokens are kept. */
        @WithDefault("10000")
        int verifiedTokens();
    }

    interface Limits {
        /** Largest request body, where no report is imported. */
        @WithDefault("1M")
        MemorySize body();

        /** Largest request body where reports are imported ({@link #importPaths()}). */
        @WithDefault("100M")
        MemorySize importBody();

        /** The paths a report is POSTed to: their bodies may be {@link #importBody()}, and they count as imports. */
        List<String> importPaths();

        /** Imports one client (the token's {@code azp}) may have running through the gateway at once. */
        @WithDefault("4")
        int concurrentImportsPerClient();

        /** How long a text search ({@code q=}) may take before the gateway gives up on it (504). */
        @WithDefault("10s")
        Duration searchTimeout();

        /** Requests per user (the token's subject). */
        Rate user();

        /** Requests per client (the token's {@code azp}), all its users together. */
        Rate client();
    }

    /** A token bucket: {@code perSecond} on average, up to {@code burst} at once. */
    interface Rate {
        double perSecond();

        int burst();
    }
}
