package io.pillar.findings.parser;

import java.io.IOException;
import java.io.InputStream;

/**
 * A format recognised by one set of {@link Marks}, read from a source it may open twice (its context written after its
 * records). A stream that can be read only once is kept in memory for that; the services give a {@link ReportSource}.
 */
public abstract class MarkedParser implements FindingParser {
    private final Marks marks;

    protected MarkedParser(Marks marks) {
        this.marks = marks;
    }

    @Override
    public String format() {
        return marks.format();
    }

    @Override
    public int detect(ReportHead head) {
        return marks.score(head);
    }

    @Override
    public String nearMiss(ReportHead head) {
        return marks.nearMiss(head);
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        parse(ReportSource.buffered(report), sink);
    }

    @Override
    public abstract void parse(ReportSource report, FindingSink sink) throws IOException, MalformedReportException;
}
