package io.pillar.gateway.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * One CSRF token per login session: an HMAC of the Keycloak session id ({@code sid}) under the console's secret,
 * so nothing has to be stored and every gateway instance sharing the secret gives the same token. Without a
 * configured secret a random one is made at start (tokens then change when the gateway restarts: the pages reload
 * theirs).
 */
@ApplicationScoped
public class CsrfTokens {
    private final SecretKeySpec key;

    CsrfTokens(@ConfigProperty(name = "pillar.console.session-secret") Optional<String> secret) {
        byte[] bytes;
        if (secret.isPresent() && secret.get().length() >= 32) {
            bytes = ("csrf:" + secret.get()).getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String of(SecurityIdentity identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sum = mac.doFinal(sessionOf(identity).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    boolean matches(SecurityIdentity identity, String given) {
        return given != null && MessageDigest.isEqual(of(identity).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String sessionOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object sid = jwt.getClaim("sid");
            String session = sid instanceof JsonString text ? text.getString() : sid == null ? null : sid.toString();
            return "sid:" + (session != null ? session : jwt.getSubject());
        }
        return "user:" + identity.getPrincipal().getName();
    }
}
