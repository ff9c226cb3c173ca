package io.pillar.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Tokens signed with a key pair made for this JVM, for a service's own tests: the service verifies them exactly as it
 * verifies Keycloak's, against the public key that {@link TestTokensResource} configures. End-to-end tests use real
 * Keycloak tokens instead.
 */
public final class TestTokens {
    public static final String ISSUER = "https://pillar.test/realms/pillar";
    private static final KeyPair KEYS = generate();
    private static final KeyPair FOREIGN_KEYS = generate();
    /** The audiences of a user's token: the gateway and every service, as the realm's audience mappers put them. */
    public static final Set<String> USER_AUDIENCES = Set.of("pillar-gateway", "inventory-service",
            "findings-service", "identity-service", "response-service");

    /**
     * A valid token for a user with these realm roles and teams (each a top-level Keycloak group, which the token
     * names by its path, as the realm's group mapper does).
     */
    public static String token(String user, Set<String> roles, Set<String> teams) {
        return build(user, roles, teams).sign(KEYS.getPrivate());
    }

    /**
     * A service account's token (client credentials), holding client roles of another service's client, as Keycloak
     * puts them under {@code resource_access.<client>.roles}.
     */
    public static String serviceToken(String client, String calledClient, Set<String> clientRoles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .subject("service-account-" + client)
                .claim("azp", client)
                .audience(calledClient)
                .claim("preferred_username", "service-account-" + client)
                .claim("resource_access",
                        java.util.Map.of(calledClient, java.util.Map.of("roles", java.util.List.copyOf(clientRoles))))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .sign(KEYS.getPrivate());
    }

    /** A valid token, signed by the trusted key, but minted for another client of the realm (another audience). */
    public static String tokenForAudience(String audience, String user, Set<String> roles, Set<String> teams) {
        return build(user, roles, teams).audience(audience).sign(KEYS.getPrivate());
    }

    /** The same claims, but signed by a key the service does not trust. */
    public static String foreignToken(String user, Set<String> roles) {
        return build(user, roles, Set.of()).sign(FOREIGN_KEYS.getPrivate());
    }

    /** A valid token whose payload was changed after signing (here: an extra role). */
    public static String tamperedToken(String user, Set<String> roles) {
        String[] parts = token(user, roles, Set.of()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"roles\":[", "\"roles\":[\"admin\",");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "."
                + parts[2];
    }

    /**
     * A viewer's valid claims, changed by {@code change} (expiry, issuer, ...), signed by the trusted key: for tests
     * of what a verifier must refuse although the signature is good.
     */
    public static String signedWith(String user,
            java.util.function.UnaryOperator<io.smallrye.jwt.build.JwtClaimsBuilder> change) {
        return change.apply(build(user, Set.of("viewer"), Set.of("platform"))).sign(KEYS.getPrivate());
    }

    /** The public key the services under test trust (an attacker knows it too), X.509 DER, base64. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder build(String user, Set<String> roles, Set<String> teams) {
        Instant now = Instant.now();
        var claims = Jwt.issuer(ISSUER)
                .subject(user)
                .claim("preferred_username", user)
                // the client the user signed in through, as Keycloak names it
                .claim("azp", "pillar-cli")
                .claim("realm_access", java.util.Map.of("roles", java.util.List.copyOf(roles)))
                .audience(USER_AUDIENCES)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)));
        return teams.isEmpty()
                ? claims
                : claims.groups(teams.stream().map(t -> t.startsWith("/") ? t : "/" + t)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {
    }
}
