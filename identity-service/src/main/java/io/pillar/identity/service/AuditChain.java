package io.pillar.identity.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How an entry's hash is computed: SHA-256 over the previous entry's hash and every field of the entry, each field
 * written as its UTF-8 length, a colon and its bytes, so that no two different entries hash the same input.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    public static String hash(String prevHash, String eventId, Instant occurredAt, String source, String actor,
            String action, String resource, String outcome, String sourceIp, String details) {
        MessageDigest sha = sha256();
        for (String field : new String[]{prevHash, eventId, occurredAt.toString(), source, actor, action, resource,
                outcome, sourceIp == null ? "" : sourceIp, details}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private AuditChain() {
    }
}
