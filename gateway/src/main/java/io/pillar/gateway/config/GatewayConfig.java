package io.pillar.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Where each owning service listens, and which API path prefixes it owns. */
@ConfigMapping(prefix = "pillar.gateway")
public interface GatewayConfig {

    /** Service name -> base URL, e.g. findings -> http://127.0.0.1:8082. */
    Map<String, URI> services();

    /** Service name -> the path prefixes routed to it, e.g. findings -> /api/v1/findings, /api/v1/subscriptions. */
    Map<String, List<String>> routes();
}
