package io.pillar.findings.parser.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.ReportSource;

/**
 * A Jazzer fuzz target over one format's parser (its name is the target's argument): any input must give findings
 * and rejections, or the parser's documented error with a position; anything else, and any hang, is a bug.
 */
public final class ParserFuzzTarget {
    private static FindingParser parser;

    public static void fuzzerInitialize(String[] args) {
        parser = Parsing.REGISTRY.byFormat(args[0]).orElseThrow(() -> new IllegalArgumentException(
                "no format " + args[0]));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        check(parser, data);
    }

    /** Detects and parses one input; throws an {@link AssertionError} for any outcome the parser does not document. */
    public static void check(FindingParser parser, byte[] data) {
        Parsing.REGISTRY.detect(new ReportHead(new String(data, 0, Math.min(data.length, 64 * 1024),
                StandardCharsets.UTF_8)));
        try {
            parser.parse(ReportSource.of(data), new FindingSink() {
                @Override
                public void accept(NormalizedFinding finding) {
                    if (finding.fingerprint() == null || finding.title() == null || finding.raw() == null) {
                        throw new AssertionError("a finding without fingerprint, title or raw record: " + finding);
                    }
                }

                @Override
                public void reject(long index, String reason) {
                    if (reason == null || reason.isBlank()) {
                        throw new AssertionError("record " + index + " rejected without a reason");
                    }
                }
            });
        } catch (MalformedReportException e) {
            if (e.line() < 1 && e.offset() < 0) {
                throw new AssertionError("refused without a position: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new AssertionError("an I/O error reading bytes in memory: " + e, e);
        }
    }

    private ParserFuzzTarget() {
    }
}
