package io.pillar.identity.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ledger's keys, which the database never holds: an Ed25519 key that signs checkpoints (from
 * {@code PILLAR_AUDIT_SIGNING_KEY_FILE}, a PKCS#8 PEM private key; {@code ./pillar up} makes one, a deployment
 * mounts a secret) and, derived from it, the HMAC key that seals each entry. Without the file the service does not
 * start, unless {@code pillar.audit.ephemeral-key} allows a key of the process alone (tests).
 */
@ApplicationScoped
public class LedgerKeys {
    private static final Logger LOG = Logger.getLogger(LedgerKeys.class);
    private static final HexFormat HEX = HexFormat.of();

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final byte[] macKey;

    @Inject
    public LedgerKeys(@ConfigProperty(name = "pillar.audit.signing-key-file") Optional<String> file,
            @ConfigProperty(name = "pillar.audit.ephemeral-key", defaultValue = "false") boolean ephemeral) {
        try {
            byte[] pkcs8;
            if (file.isPresent() && !file.get().isBlank()) {
                pkcs8 = readPem(Path.of(file.get()));
            } else if (ephemeral) {
                LOG.warn("the audit ledger is signed with a key of this process only (pillar.audit.ephemeral-key)");
                pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            } else {
                throw new IllegalStateException("PILLAR_AUDIT_SIGNING_KEY_FILE is not set: the audit ledger needs "
                        + "its Ed25519 signing key (a PKCS#8 PEM file, e.g. from openssl genpkey -algorithm ed25519)");
            }
            KeyPair pair = pairOf(pkcs8);
            this.privateKey = pair.getPrivate();
            this.publicKey = pair.getPublic();
            this.keyId = HEX.formatHex(sha256(publicKey.getEncoded())).substring(0, 16);
            this.macKey = sha256(concat("pillar-audit-seal/1".getBytes(StandardCharsets.US_ASCII), pkcs8));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key cannot be read: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key (X.509, base64): what a third party needs to check the checkpoints. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String sign(String payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(String payload, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The seal of one entry: HMAC-SHA-256 over its sequence number and chain hash. */
    public String seal(long seq, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal((seq + ":" + hash).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean sealHolds(long seq, String hash, String mac) {
        return mac != null && MessageDigest.isEqual(seal(seq, hash).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] readPem(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " holds no PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    }

    /**
     * The key pair of a PKCS#8 Ed25519 private key. The JDK cannot derive the public key from a private one, but its
     * generator makes the pair from the 32 random bytes it draws: given the private key's bytes, it makes this pair.
     */
    private static KeyPair pairOf(byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] seed = ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key's bytes are not readable"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
        KeyPair pair = generator.generateKeyPair();
        if (!Arrays.equals(((java.security.interfaces.EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(),
                seed)) {
            throw new GeneralSecurityException("the public key could not be derived");
        }
        return pair;
    }

    /** A random source that hands out the given bytes: only for deriving a key pair from its private key. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }

    private static byte[] sha256(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
