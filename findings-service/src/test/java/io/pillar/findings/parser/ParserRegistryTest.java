package io.pillar.findings.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Choosing a parser: by name when a format is named, by detection otherwise; errors name what was tried. */
class ParserRegistryTest {
    private static final byte[] SARIF = """
            {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": []}"""
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aNamedFormatWinsOverDetection() throws Exception {
        assertEquals("asff", Parsing.REGISTRY.choose("asff", SARIF, SARIF.length, "with ?format=").format());
    }

    @Test
    void withoutANameTheHeadDecides() throws Exception {
        assertEquals("sarif", Parsing.REGISTRY.choose(null, SARIF, SARIF.length, "with ?format=").format());
        assertEquals("sarif", Parsing.REGISTRY.choose(" ", SARIF, SARIF.length, "with ?format=").format());
    }

    @Test
    void anUnknownNameListsTheSupportedFormats() {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Parsing.REGISTRY.choose("nessus", SARIF, SARIF.length, "with ?format="));
        assertTrue(e.getMessage().startsWith("format 'nessus' is not supported; supported formats: asff, "),
                e.getMessage());
        assertEquals(Parsing.REGISTRY.formats(), e.supported());
    }

    @Test
    void anUnrecognisedReportSaysHowToNameTheFormat() {
        byte[] csv = "id,title\n1,x\n".getBytes(StandardCharsets.UTF_8);
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Parsing.REGISTRY.choose(null, csv, csv.length, "in the pillar-format header"));
        assertTrue(e.getMessage().contains("not recognised as any supported format (name it in the pillar-format "
                + "header)"), e.getMessage());
    }

    @Test
    void onlyTheGivenLengthOfTheHeadIsRead() {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Parsing.REGISTRY.choose(null, SARIF, 0, "with ?format="));
        assertTrue(e.getMessage().startsWith("the report is empty"), e.getMessage());
    }
}
