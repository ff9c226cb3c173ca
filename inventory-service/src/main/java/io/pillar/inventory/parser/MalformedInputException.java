package io.pillar.inventory.parser;

import com.fasterxml.jackson.core.JsonLocation;

/** A report that cannot be read at all: where (line, column, byte offset) and what was expected. */
public class MalformedInputException extends Exception {
    private final long line;
    private final long column;
    private final long offset;

    public MalformedInputException(String message, JsonLocation at) {
        super(message + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
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
}
