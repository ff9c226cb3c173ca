package io.pillar.response.playbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public keys whose signatures make a playbook verified: every {@code *.pem} file (a PEM public key) in the folder
 * {@code pillar.response.signatures.trusted-keys-dir} ({@code PILLAR_RESPONSE_TRUSTED_KEYS_DIR}), read at start.
 */
@ApplicationScoped
public class TrustedKeys {
    private final List<PublicKey> keys;
    private final boolean requiredForContainment;

    TrustedKeys(@ConfigProperty(name = "pillar.response.signatures.trusted-keys-dir") Optional<String> dir,
            @ConfigProperty(name = "pillar.response.signatures.required-for-containment", defaultValue = "false") boolean requiredForContainment) {
        this.keys = dir.filter(d -> !d.isBlank()).map(d -> read(Path.of(d))).orElse(List.of());
        this.requiredForContainment = requiredForContainment;
    }

    public List<PublicKey> keys() {
        return keys;
    }

    /** Whether a playbook that contains damage must be signed by a trusted key to be imported. */
    public boolean requiredForContainment() {
        return requiredForContainment;
    }

    static List<PublicKey> read(Path dir) {
        List<PublicKey> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) {
                out.add(parse(Files.readString(f), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the trusted keys folder " + dir + " cannot be read", e);
        }
        return List.copyOf(out);
    }

    private static PublicKey parse(String pem, Path file) {
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        for (String family : List.of("Ed25519", "EC", "RSA", "Ed448")) {
            try {
                return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
            } catch (Exception e) {
                // not a key of this family: try the next
            }
        }
        throw new IllegalStateException(file + " is not a PEM public key (Ed25519, EC, RSA)");
    }
}
