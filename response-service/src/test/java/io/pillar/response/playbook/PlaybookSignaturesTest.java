package io.pillar.response.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

public class PlaybookSignaturesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    /** Signs as CACAO 2.0 writes it: base64url(sign(algorithm, key, hash(jcs(playbook with this signature)))). */
    public static ObjectNode sign(ObjectNode playbook, KeyPair keys, String algorithm) throws Exception {
        ObjectNode sig = playbook.objectNode();
        sig.put("type", "jss").put("id", "jss--7d9b3c1a-2e4f-4a6b-8c0d-1e2f3a4b5c6d")
                .put("created", "2026-12-02T07:00:00.000Z").put("modified", "2026-12-02T07:00:00.000Z")
                .put("signee", "Pillar tests").put("related_to", playbook.get("id").asText())
                .put("related_version", playbook.get("modified").asText()).put("hash_algorithm", "sha-256")
                .put("algorithm", algorithm)
                .put("public_key", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        Signature signer = PlaybookSignatures.signature(algorithm);
        signer.initSign(keys.getPrivate());
        signer.update(PlaybookSignatures.signedDigest(playbook, sig));
        byte[] value = signer.sign();
        if (algorithm.startsWith("ES")) {
            value = raw(value, 32);
        }
        sig.put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(value));
        ObjectNode signed = playbook.deepCopy();
        signed.putArray("signatures").add(sig);
        return signed;
    }

    /** DER ECDSA signature to JOSE's R||S. */
    static byte[] raw(byte[] der, int size) {
        int rLength = der[3];
        byte[] r = Arrays.copyOfRange(der, 4, 4 + rLength);
        byte[] s = Arrays.copyOfRange(der, 6 + rLength, der.length);
        byte[] out = new byte[2 * size];
        byte[] rb = new BigInteger(1, r).toByteArray();
        byte[] sb = new BigInteger(1, s).toByteArray();
        System.arraycopy(rb, Math.max(0, rb.length - size), out, size - Math.min(size, rb.length), Math.min(size,
                rb.length));
        System.arraycopy(sb, Math.max(0, sb.length - size), out, 2 * size - Math.min(size, sb.length),
                Math.min(size, sb.length));
        return out;
    }

    public static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void anUnsignedPlaybookIsUnsigned() throws Exception {
        var result = PlaybookSignatures.verify(PlaybookValidatorTest.tree("approve-then-notify.json"), List.of(), NOW);
        assertEquals(PlaybookSignatures.UNSIGNED, result.status());
    }

    @Test
    void aSignatureByATrustedKeyIsVerifiedAndByAnotherKeyUntrusted() throws Exception {
        for (String algorithm : List.of("Ed25519", "ES256")) {
            KeyPair keys = algorithm.equals("Ed25519") ? ed25519() : p256();
            ObjectNode signed = sign(PlaybookValidatorTest.tree("approve-then-notify.json"), keys, algorithm);
            assertEquals(List.of(), PlaybookValidator.check(signed.toString()).errors(), "schema-valid when signed");
            var trusted = PlaybookSignatures.verify(signed, List.of(keys.getPublic()), NOW);
            assertEquals(PlaybookSignatures.VERIFIED, trusted.status(), algorithm + " " + trusted.errors());
            var other = PlaybookSignatures.verify(signed, List.of(ed25519().getPublic()), NOW);
            assertEquals(PlaybookSignatures.UNTRUSTED, other.status());
            assertEquals(List.of(), other.errors());
        }
    }

    @Test
    void aPlaybookChangedAfterSigningDoesNotVerify() throws Exception {
        KeyPair keys = ed25519();
        ObjectNode signed = sign(PlaybookValidatorTest.tree("approve-then-notify.json"), keys, "Ed25519");
        signed.put("name", "Approve, then notify everyone");
        var result = PlaybookSignatures.verify(signed, List.of(keys.getPublic()), NOW);
        assertEquals(1, result.errors().size());
        assertEquals("$.signatures[0]", result.errors().get(0).path());
        assertTrue(result.errors().get(0).message().contains("does not verify"));
    }

    @Test
    void revokedAndExpiredSignaturesAreRefused() throws Exception {
        KeyPair keys = ed25519();
        ObjectNode signed = sign(PlaybookValidatorTest.tree("approve-then-notify.json"), keys, "Ed25519");
        ((ObjectNode) signed.get("signatures").get(0)).put("valid_until", "2026-01-01T00:00:00.000Z");
        assertTrue(PlaybookSignatures.verify(signed, List.of(keys.getPublic()), NOW).errors().get(0).message()
                .contains("expired"));
        ((ObjectNode) signed.get("signatures").get(0)).remove("valid_until");
        ((ObjectNode) signed.get("signatures").get(0)).put("revoked", true);
        assertTrue(PlaybookSignatures.verify(signed, List.of(keys.getPublic()), NOW).errors().get(0).message()
                .contains("revoked"));
    }
}
