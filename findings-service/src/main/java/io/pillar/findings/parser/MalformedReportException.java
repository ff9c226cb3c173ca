package io.pillar.findings.parser;

import java.util.Map;

import io.pillar.platform.problem.ProblemException;

/** The report cannot be read as its format at all; says where (line, column, byte offset) and what was expected. */
public class MalformedReportException extends ProblemException {
    private final long line;
    private final long column;
    private final long offset;

    public MalformedReportException(String message, long line, long column, long offset) {
        super(400, "Bad Request", message);
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public long offset() {
        return offset;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("line", line, "column", column, "offset", offset);
    }
}
