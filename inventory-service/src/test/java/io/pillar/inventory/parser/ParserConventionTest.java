package io.pillar.inventory.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every parser has its test class, its fixtures and its documentation entry, and detects its own fixtures. */
class ParserConventionTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void everyParserHasATestFixturesAndADocumentationEntry() throws Exception {
        for (String format : Collected.REGISTRY.formats()) {
            AssetParser parser = Collected.REGISTRY.byFormat(format).orElseThrow();
            Class.forName(parser.getClass().getName() + "Test");
            assertFalse(fixtures(format).isEmpty(), "src/test/resources/inventory/" + format + "/ has no fixture");
            Path doc = MODULE.resolve("docs/formats/" + format + ".md");
            assertTrue(Files.isRegularFile(doc), doc + " is missing");
        }
    }

    @Test
    void eachFormatDetectsItsOwnFixtures() throws Exception {
        for (String format : Collected.REGISTRY.formats()) {
            for (Path fixture : fixtures(format)) {
                assertEquals(format, Collected.file(fixture, null).format, "detected format of " + fixture);
            }
        }
    }

    private static List<Path> fixtures(String format) throws Exception {
        Path dir = MODULE.resolve("src/test/resources/inventory/" + format);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
