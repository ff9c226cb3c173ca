package io.pillar.response.playbook;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Verifies the signatures a CACAO 2.0 playbook carries (data type {@code signature}, type {@code jss}). As the
 * specification writes it: {@code value = base64url(sign(algorithm, key, hash(jcs(playbook))))}, where the playbook's
 * {@code signatures} holds only the signature being computed, without its {@code value}. The public key is the
 * signature's {@code public_key} (a PEM body: base64 of the DER SubjectPublicKeyInfo). Algorithms: RS256/384/512,
 * PS256/384/512, ES256/384/512 (JOSE's R||S form) and Ed25519; hashes sha-256, sha-384, sha-512.
 */
public final class PlaybookSignatures {
    /** How a version stands: no signature, signed by a trusted key, or validly signed by keys not trusted here. */
    public static final String UNSIGNED = "unsigned";
    public static final String VERIFIED = "verified";
    public static final String UNTRUSTED = "untrusted";

    private static final Map<String, String> HASHES = Map.of("sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512",
            "SHA-512");

    private PlaybookSignatures() {
    }

    /** What the signatures say: a status and the errors of those that do not verify (or are revoked, expired). */
    public record Result(String status, List<PlaybookError> errors) {
    }

    public static Result verify(ObjectNode playbook, Collection<PublicKey> trusted, Instant now) {
        JsonNode signatures = playbook.path("signatures");
        if (!signatures.isArray() || signatures.isEmpty()) {
            return new Result(UNSIGNED, List.of());
        }
        List<PlaybookError> errors = new ArrayList<>();
        boolean anyTrusted = false;
        for (int i = 0; i < signatures.size(); i++) {
            JsonNode s = signatures.get(i);
            String at = "$.signatures[" + i + "]";
            String why = problem(s, now);
            if (why == null) {
                try {
                    PublicKey key = publicKey(s);
                    if (!verifies(playbook, (ObjectNode) s, key)) {
                        why = "the signature does not verify: the playbook was changed after it was signed, or "
                                + "another key signed it";
                    } else {
                        anyTrusted |= trusted.stream().anyMatch(t -> Arrays.equals(t.getEncoded(), key.getEncoded()));
                    }
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    why = "the signature cannot be checked: " + e.getMessage();
                }
            }
            if (why != null) {
                errors.add(new PlaybookError(at, why));
            }
        }
        return new Result(anyTrusted ? VERIFIED : UNTRUSTED, errors);
    }

    private static String problem(JsonNode s, Instant now) {
        if (s.path("revoked").asBoolean(false)) {
            return "the signature is revoked";
        }
        if (s.hasNonNull("valid_until") && now.isAfter(Instant.parse(s.get("valid_until").asText()))) {
            return "the signature expired at " + s.get("valid_until").asText();
        }
        if (s.hasNonNull("valid_from") && now.isBefore(Instant.parse(s.get("valid_from").asText()))) {
            return "the signature is not valid before " + s.get("valid_from").asText();
        }
        if (!s.hasNonNull("public_key")) {
            return "the signature has no public_key: Pillar verifies with the key the signature carries";
        }
        return null;
    }

    /** The bytes a signature is computed over: the digest of the canonical playbook holding only that signature. */
    public static byte[] signedDigest(ObjectNode playbook, ObjectNode signature) throws GeneralSecurityException {
        ObjectNode copy = playbook.deepCopy();
        ObjectNode sig = signature.deepCopy();
        sig.remove("value");
        copy.putArray("signatures").add(sig);
        String hash = HASHES.get(signature.path("hash_algorithm").asText().toLowerCase(Locale.ROOT));
        if (hash == null) {
            throw new GeneralSecurityException("hash_algorithm must be one of " + HASHES.keySet());
        }
        return MessageDigest.getInstance(hash).digest(Jcs.canonical(copy).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean verifies(ObjectNode playbook, ObjectNode s, PublicKey key)
            throws GeneralSecurityException {
        String algorithm = s.path("algorithm").asText();
        byte[] value = Base64.getUrlDecoder().decode(s.path("value").asText().replace("=", ""));
        Signature verifier = signature(algorithm);
        verifier.initVerify(key);
        verifier.update(signedDigest(playbook, s));
        return verifier.verify(algorithm.startsWith("ES") ? derOf(value) : value);
    }

    /** The JCA signature for a JWA algorithm name (also used to sign, in tests and tools). */
    public static Signature signature(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "RS384" -> Signature.getInstance("SHA384withRSA");
            case "RS512" -> Signature.getInstance("SHA512withRSA");
            case "ES256" -> Signature.getInstance("SHA256withECDSA");
            case "ES384" -> Signature.getInstance("SHA384withECDSA");
            case "ES512" -> Signature.getInstance("SHA512withECDSA");
            case "Ed25519" -> Signature.getInstance("Ed25519");
            case "PS256", "PS384", "PS512" -> {
                String bits = algorithm.substring(2);
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1", new MGF1ParameterSpec("SHA-" + bits),
                        Integer.parseInt(bits) / 8, 1));
                yield pss;
            }
            default -> throw new GeneralSecurityException("algorithm " + algorithm + " is not one Pillar verifies");
        };
    }

    /** The signature's public key: a PEM body (with or without its header lines) of a SubjectPublicKeyInfo. */
    public static PublicKey publicKey(JsonNode s) throws GeneralSecurityException {
        String pem = s.path("public_key").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(pem);
        String algorithm = s.path("algorithm").asText();
        String family = algorithm.startsWith("ES") ? "EC" : algorithm.equals("Ed25519") ? "Ed25519" : "RSA";
        return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
    }

    /** JOSE writes ECDSA signatures as R||S; the JCA reads DER. */
    static byte[] derOf(byte[] raw) throws GeneralSecurityException {
        if (raw.length % 2 != 0 || raw.length == 0) {
            throw new GeneralSecurityException("an ECDSA signature of odd length");
        }
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, raw.length / 2)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, raw.length / 2, raw.length)).toByteArray();
        int length = 2 + r.length + 2 + s.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x30);
        if (length > 127) {
            out.write(0x81);
        }
        out.write(length);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }
}
