package io.pillar.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The key the identity-service signs the audit ledger's checkpoints with: an Ed25519 private key (PKCS#8 PEM, as
 * {@code openssl genpkey -algorithm ed25519} writes it), made at the first start in the state folder, readable by its
 * owner only, and never given to the database.
 */
public final class AuditSigningKey {
    public static final String FILE_NAME = "audit-signing-key.pem";

    /** The key file in the state folder, created when missing. */
    public static Path ensure(Layout layout) throws IOException {
        Path file = layout.state().resolve(FILE_NAME);
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Files.createDirectories(layout.state());
        Path tmp = Files.createTempFile(layout.state(), FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, pem(), StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static String pem() {
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an Ed25519 key", e);
        }
    }

    private AuditSigningKey() {
    }
}
