package io.pillar.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionTest {
    private final List<String> progress = new ArrayList<>();
    private final AtomicInteger unpacks = new AtomicInteger();

    private Distribution.Unpacker twoFiles() {
        return staging -> {
            unpacks.incrementAndGet();
            Files.createDirectories(staging.resolve("bin"));
            Files.writeString(staging.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
            Files.writeString(staging.resolve("README"), "a distribution");
            Files.createSymbolicLink(staging.resolve("bin/alias"), Path.of("tool"));
        };
    }

    @Test
    void unpacksOnceThenUsesWhatIsInPlace(@TempDir Path runtime) throws IOException {
        Path home = Distribution.install(runtime, "tool-1.0", "tool-1.0.zip 42", twoFiles(), progress::add);
        assertEquals(runtime.resolve("tool-1.0"), home);
        assertTrue(Files.isSymbolicLink(home.resolve("bin/alias")));
        assertNull(Distribution.damage(home, "tool-1.0.zip 42"));
        Distribution.install(runtime, "tool-1.0", "tool-1.0.zip 42", twoFiles(), progress::add);
        assertEquals(1, unpacks.get());
    }

    @Test
    void aFolderWithoutManifestOrWithADamagedFileIsUnpackedAgain(@TempDir Path runtime) throws IOException {
        // what an older launcher left when it was killed while unpacking: files, no manifest
        Files.createDirectories(runtime.resolve("tool-1.0/bin"));
        Files.writeString(runtime.resolve("tool-1.0/bin/tool"), "#!/bin/");
        Distribution.install(runtime, "tool-1.0", "tool-1.0.zip 42", twoFiles(), progress::add);
        assertEquals(1, unpacks.get());
        assertTrue(progress.get(0).contains("not usable (no manifest"), progress.toString());

        Files.writeString(runtime.resolve("tool-1.0/README"), "truncat");
        assertTrue(Distribution.damage(runtime.resolve("tool-1.0"), null).contains("README"));
        Distribution.install(runtime, "tool-1.0", "tool-1.0.zip 42", twoFiles(), progress::add);
        assertEquals(2, unpacks.get());
        assertEquals("a distribution", Files.readString(runtime.resolve("tool-1.0/README")));

        Files.delete(runtime.resolve("tool-1.0/bin/alias"));
        Distribution.install(runtime, "tool-1.0", "tool-1.0.zip 42", twoFiles(), progress::add);
        assertEquals(3, unpacks.get());
    }

    @Test
    void anotherSourceIsUnpackedAgain(@TempDir Path runtime) throws IOException {
        Distribution.install(runtime, "tool", "tool-1.0.zip 42", twoFiles(), progress::add);
        Distribution.install(runtime, "tool", "tool-1.1.zip 43", twoFiles(), progress::add);
        assertEquals(2, unpacks.get());
    }

    @Test
    void aFailedUnpackLeavesNothingInPlaceAndItsStagingIsClearedNextTime(@TempDir Path runtime) throws IOException {
        assertThrows(IOException.class, () -> Distribution.install(runtime, "tool-1.0", "s", staging -> {
            Files.writeString(staging.resolve("half"), "x");
            throw new IOException("disk full");
        }, progress::add));
        assertFalse(Files.exists(runtime.resolve("tool-1.0")));
        assertTrue(Files.exists(runtime.resolve("tool-1.0.partial/half")));
        Distribution.install(runtime, "tool-1.0", "s", twoFiles(), progress::add);
        assertFalse(Files.exists(runtime.resolve("tool-1.0.partial")));
        assertFalse(Files.exists(runtime.resolve("tool-1.0/half")));
    }

    @Test
    void filesALaterStepRewritesAreNotChecked(@TempDir Path runtime) throws IOException {
        Path home = Distribution.install(runtime, "kc", "s", List.of("bin/"), twoFiles(), progress::add);
        Files.writeString(home.resolve("bin/tool"), "rebuilt, another size");
        assertNull(Distribution.damage(home, "s"));
    }

    @Test
    void resetRemovesStagingAndDamagedDistributionsOnly(@TempDir Path runtime) throws IOException {
        Distribution.install(runtime, "good", "s", twoFiles(), progress::add);
        Distribution.install(runtime, "bad", "s", twoFiles(), progress::add);
        Files.delete(runtime.resolve("bad/README"));
        Files.createDirectories(runtime.resolve("other.partial"));
        List<Path> removed = Distribution.removeDamaged(runtime);
        assertEquals(List.of(runtime.resolve("bad"), runtime.resolve("other.partial")),
                removed.stream().sorted().toList());
        assertNull(Distribution.damage(runtime.resolve("good"), "s"));
    }

    @Test
    void postgresBinariesUnpackWithTheirModesAndLinks(@TempDir Path dir) throws IOException {
        Path home = PostgresServer.install(Layout.of(dir).withRuntime(dir.resolve("runtime")), progress::add);
        assertTrue(Files.isExecutable(home.resolve("bin/postgres")));
        try (var libs = Files.list(home.resolve("lib"))) {
            assertTrue(libs.anyMatch(Files::isSymbolicLink), "shared libraries keep their version links");
        }
    }
}
