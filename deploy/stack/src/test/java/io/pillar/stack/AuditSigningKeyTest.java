package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeyTest {

    @Test
    void theKeyIsMadeOnceReadableByItsOwnerOnlyAndIsAnEd25519PrivateKey(@TempDir Path repo) throws Exception {
        Layout layout = Layout.of(repo);
        Path file = AuditSigningKey.ensure(layout);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertEquals("EdDSA", KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8))
                .getAlgorithm());

        assertEquals(file, AuditSigningKey.ensure(layout));
        assertEquals(pem, Files.readString(file), "a second start keeps the key");
        try (var left = Files.list(layout.state())) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }
}
