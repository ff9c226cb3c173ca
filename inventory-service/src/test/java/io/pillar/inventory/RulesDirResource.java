package io.pillar.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The repository's rules copied to a directory of their own, so tests can add and break rule files without touching
 * the repository. Its path is in the system property {@code pillar.test.rules-dir}.
 */
public class RulesDirResource implements QuarkusTestResourceLifecycleManager {
    public static final String PROPERTY = "pillar.test.rules-dir";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("pillar-rules");
            try (Stream<Path> files = Files.list(Path.of("rules"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            System.setProperty(PROPERTY, dir.toString());
            return Map.of("pillar.inventory.rules.dir", dir.toString(), "pillar.inventory.rules.check-every", "1h");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the temporary directory is left to the OS; it holds only copies of the repository's rules
    }
}
