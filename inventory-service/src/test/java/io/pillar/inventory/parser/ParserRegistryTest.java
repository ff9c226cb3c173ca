package io.pillar.inventory.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.inventory.parser.pillar.PillarAssetParser;

class ParserRegistryTest {

    @Test
    void malformedAndUnknownReportsSayWhereAndWhat() {
        MalformedInputException broken = assertThrows(MalformedInputException.class,
                () -> Collected.parse(stream("{\"assets\": [\n {\"type\": \"bucket\",,}]}"), "pillar"));
        assertEquals(2, broken.line());
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
        UnsupportedFormatException unknown = assertThrows(UnsupportedFormatException.class,
                () -> Collected.parse(stream("{\"hello\": 1}"), null));
        assertEquals(java.util.List.of("aws-config", "ec2-describe", "pillar"), unknown.supported());
        assertThrows(UnsupportedFormatException.class, () -> Collected.parse(stream("{}"), "cloudquery"));
        assertThrows(MalformedInputException.class, () -> Collected.parse(stream("{\"Nothing\": []}"),
                "ec2-describe"));
    }

    @Test
    void twoParsersClaimingOneFormatStopTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ParserRegistry(List.of(new PillarAssetParser(), new PillarAssetParser())));
        assertTrue(e.getMessage().contains("'pillar'"), e.getMessage());
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
