package io.pillar.findings.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.mapped.MappedFormat;

/**
 * Every parser has its test class (the shipped mappings share one), its fixtures (no, one and many findings) and its
 * documentation entry.
 */
class ParserConventionTest {

    @Test
    void everyParserHasATestFixturesAndADocumentationEntry() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        for (String format : Parsing.REGISTRY.formats()) {
            FindingParser parser = Parsing.REGISTRY.byFormat(format).orElseThrow();
            String testClass = parser instanceof MappedFormat
                    ? "io.pillar.findings.parser.mapped.ShippedMappingsTest"
                    : parser.getClass().getName() + "Test";
            Class.forName(testClass);
            for (String fixture : new String[]{"no_findings", "one_finding", "many_findings"}) {
                try (var files = Files.list(Parsing.fixturePath(format, "").resolve(""))) {
                    assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(fixture + ".")),
                            "scans/" + format + "/" + fixture + ".* is missing");
                }
            }
            Path doc = module.resolve("docs/parsers/" + format + ".md");
            assertTrue(Files.isRegularFile(doc), doc + " is missing");
            assertTrue(Files.readString(doc).contains("Fingerprint"), doc + " must say what makes the fingerprint");
        }
    }

    @Test
    void eachFormatDetectsItsOwnFixtures() throws Exception {
        for (String format : Parsing.REGISTRY.formats()) {
            try (var files = Files.list(Parsing.fixturePath(format, ""))) {
                for (Path fixture : files.filter(f -> !f.getFileName().toString().startsWith("no_findings")).toList()) {
                    assertEquals(format, Parsing.detect(fixture), "detected format of " + fixture);
                }
            }
        }
    }
}
