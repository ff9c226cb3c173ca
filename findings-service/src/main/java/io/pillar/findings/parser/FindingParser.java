package io.pillar.findings.parser;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one report format into normalized findings, as a stream: records are handed to the sink one by one as they are
 * read, never the whole report at once. One implementation per format, each in its own package, collected by
 * {@link ParserRegistry}; its documentation entry is {@code docs/parsers/<format>.md} of this service.
 */
public interface FindingParser {

    /** The format's name in {@code ?format=} and in the {@code pillar-format} Kafka header, e.g. {@code sarif}. */
    String format();

    /**
     * How surely the start of a report is in this format: 0 when it is not, higher when more of its distinctive
     * marks are there. The registry picks the highest.
     */
    int detect(ReportHead head);

    /**
     * Reads the whole report, handing each finding or rejected record to the sink in report order.
     *
     * @throws MalformedReportException when the report itself cannot be read (not JSON, wrong structure): nothing of
     *         it may be kept
     */
    void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException;

    /**
     * Reads the whole report from a source that can be opened again: what the services call. Formats read in one
     * pass need not override it; those that read the report twice do.
     */
    default void parse(ReportSource report, FindingSink sink) throws IOException, MalformedReportException {
        try (InputStream in = report.open()) {
            parse(in, sink);
        }
    }

    /** Why a report whose start looks partly like this format is not taken as it, or null when it does not. */
    default String nearMiss(ReportHead head) {
        return null;
    }
}
