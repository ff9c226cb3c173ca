package io.pillar.stack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's generated credentials: created at first start, kept in {@code .pillar/stack.env} (mode 600), never
 * committed or logged.
 */
public final class Secrets {
    static final List<String> NAMES = List.of(
            "PILLAR_DEMO_PASSWORD",
            "PILLAR_INTEGRATION_CLIENT_SECRET",
            "PILLAR_INVENTORY_CLIENT_SECRET",
            "PILLAR_FINDINGS_CLIENT_SECRET",
            "PILLAR_IDENTITY_CLIENT_SECRET",
            "PILLAR_RESPONSE_CLIENT_SECRET",
            "PILLAR_GATEWAY_CLIENT_SECRET",
            "PILLAR_CONSOLE_SESSION_SECRET",
            "PILLAR_KAFKA_BROKER_CLIENT_SECRET",
            "PILLAR_KEYCLOAK_ADMIN_PASSWORD",
            "PILLAR_POSTGRES_PASSWORD",
            "PILLAR_KEYCLOAK_DB_PASSWORD",
            "PILLAR_INVENTORY_DB_PASSWORD",
            "PILLAR_FINDINGS_DB_PASSWORD",
            "PILLAR_IDENTITY_DB_PASSWORD",
            "PILLAR_RESPONSE_DB_PASSWORD");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = values;
    }

    /** The secrets already in {@code existing} (a previous stack.env), and new ones for any that are missing. */
    public static Secrets keepOrGenerate(Map<String, String> existing) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = existing.get(name);
            values.put(name, value == null || value.isBlank() ? generate() : value);
        }
        return new Secrets(values);
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no such secret: " + name);
        }
        return value;
    }

    public Map<String, String> all() {
        return Map.copyOf(values);
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
