package io.pillar.inventory.parser;

import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;

import io.pillar.platform.problem.ProblemException;

/** A report that cannot be read at all: where (line, column, byte offset) and what was expected. */
public class MalformedInputException extends ProblemException {
    private final long line;
    private final long column;
    private final long offset;

    public MalformedInputException(String message, JsonLocation at) {
        super(400, "Bad Request",
                message + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        this.line = at == null ? -1 : at.getLineNr();
        this.column = at == null ? -1 : at.getColumnNr();
        this.offset = at == null ? -1 : at.getByteOffset();
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
