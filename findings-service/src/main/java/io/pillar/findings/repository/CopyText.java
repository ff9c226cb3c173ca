package io.pillar.findings.repository;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;

import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), for bulk writes:
 * one COPY carries a batch for a fraction of what a multi-row INSERT with bound parameters costs the server.
 */
final class CopyText {
    private static final HexFormat HEX = HexFormat.of();
    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean rowStarted;
    private int rows;

    CopyText text(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyText number(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyText uuid(Object value) {
        return text(value == null ? null : value.toString());
    }

    CopyText time(Instant value) {
        return text(value == null ? null : value.toString());
    }

    /** bytea in hex form; the backslash of {@code \x} is itself escaped. */
    CopyText bytes(byte[] value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            text.append("\\\\x").append(HEX.formatHex(value));
        }
        return this;
    }

    /** A text[] literal: every element quoted, its quotes and backslashes escaped for the array, then for COPY. */
    CopyText array(String[] values) {
        if (values == null) {
            return text(null);
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            if (values[i] == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int c = 0; c < values[i].length(); c++) {
                char ch = values[i].charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return text(literal.append('}').toString());
    }

    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    String content() {
        return text.toString();
    }

    /** Sends the rows with {@code COPY table (columns) FROM STDIN}; nothing when there are none. */
    void copyInto(Connection c, String tableAndColumns) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN",
                    new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    /** Appends the value, escaping what COPY would read as a delimiter or an escape; runs without one go whole. */
    private void escape(String value) {
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch > '\\' || (ch >= ' ' && ch != '\\')) {
                continue;
            }
            String replacement = switch (ch) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                // PostgreSQL text cannot hold NUL; a scanner's stray NUL is dropped rather than failing the import
                case '\0' -> "";
                default -> null;
            };
            if (replacement != null) {
                text.append(value, from, i).append(replacement);
                from = i + 1;
            }
        }
        text.append(value, from, value.length());
    }
}
