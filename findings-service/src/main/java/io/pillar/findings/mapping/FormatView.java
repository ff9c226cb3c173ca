package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.mapped.MappedFormat;

/**
 * A format as listed: built in (a parser of the service, documented in its {@code docs/parsers/}) or defined by a
 * mapping file (from the mappings folder, or uploaded); the mapping file itself only when one format is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormatView(String format, String kind, String title, String input, List<String> records,
        List<String> bestPractices, String source, String uploadedBy, Instant uploadedAt, Integer version,
        String documentation, String definition) {

    public static FormatView of(FindingParser parser, boolean withDefinition) {
        if (parser instanceof MappedFormat m) {
            MappedFormat.Origin o = m.origin();
            boolean upload = o.uploadedBy() != null;
            return new FormatView(m.format(), "mapping", m.title(), m.input().name().toLowerCase(java.util.Locale.ROOT),
                    m.recordPaths(), m.bestPractices(), upload ? "upload" : "mappings/" + o.source(),
                    o.uploadedBy(), o.uploadedAt(), upload ? o.version() : null, m.description(),
                    withDefinition ? o.text() : null);
        }
        return new FormatView(parser.format(), "built-in", null, null, null, null, null, null, null, null,
                "findings-service/docs/parsers/" + parser.format() + ".md", null);
    }
}
