package io.pillar.platform.bulk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's binary COPY format, for bulk writes: one COPY carries a batch for a fraction of what a
 * multi-row INSERT with bound parameters costs, and the binary form spares both sides escaping and parsing text.
 * Every value must be written with the method of its column's exact type. The rows are held in memory until sent:
 * a batch, not a whole import.
 */
public final class CopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int TEXT_OID = 25;
    /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final Buffer out = new Buffer(64 * 1024);
    private final int columns;
    private int rows;

    public CopyRows(int columns) {
        this.columns = columns;
        out.write(SIGNATURE, 0, SIGNATURE.length);
        out.int32(0);
        out.int32(0);
    }

    public CopyRows row() {
        out.int16(columns);
        rows++;
        return this;
    }

    /** text, varchar or char; NUL characters, which PostgreSQL text cannot hold, are dropped. */
    public CopyRows text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] bytes = utf8(value);
        out.int32(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** jsonb: its binary form is a version byte, then the JSON text. */
    public CopyRows jsonb(String json) {
        if (json == null) {
            return nul();
        }
        byte[] bytes = utf8(json);
        out.int32(bytes.length + 1);
        out.write(1);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    public CopyRows int2(int value) {
        out.int32(2);
        out.int16(value);
        return this;
    }

    public CopyRows int4(int value) {
        out.int32(4);
        out.int32(value);
        return this;
    }

    public CopyRows int8(long value) {
        out.int32(8);
        out.int64(value);
        return this;
    }

    public CopyRows uuid(UUID value) {
        if (value == null) {
            return nul();
        }
        out.int32(16);
        out.int64(value.getMostSignificantBits());
        out.int64(value.getLeastSignificantBits());
        return this;
    }

    /** timestamptz. */
    public CopyRows time(Instant value) {
        if (value == null) {
            return nul();
        }
        out.int32(8);
        out.int64((value.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + value.getNano() / 1_000);
        return this;
    }

    public CopyRows bytes(byte[] value) {
        if (value == null) {
            return nul();
        }
        out.int32(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    /** text[]: one dimension, lower bound 1. */
    public CopyRows textArray(String[] values) {
        if (values == null) {
            return nul();
        }
        Buffer array = new Buffer(256);
        array.int32(1);
        array.int32(0);
        array.int32(TEXT_OID);
        array.int32(values.length);
        array.int32(1);
        for (String v : values) {
            if (v == null) {
                array.int32(-1);
            } else {
                byte[] bytes = utf8(v);
                array.int32(bytes.length);
                array.write(bytes, 0, bytes.length);
            }
        }
        out.int32(array.size());
        array.writeTo(out);
        return this;
    }

    /** Sends the rows with {@code COPY table (columns) FROM STDIN (FORMAT binary)}; nothing when there are none. */
    public void copyInto(Connection c, String tableAndColumns) throws SQLException {
        if (rows == 0) {
            return;
        }
        out.int16(-1);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)", out.asInput());
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }

    private CopyRows nul() {
        out.int32(-1);
        return this;
    }

    private static byte[] utf8(String value) {
        String text = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A growable byte buffer that writes big-endian integers and hands its bytes over without a copy. */
    private static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void write(byte[] b, int offset, int length) {
            ensure(length);
            System.arraycopy(b, offset, bytes, size, length);
            size += length;
        }

        void int16(int v) {
            ensure(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        int size() {
            return size;
        }

        void writeTo(Buffer other) {
            other.write(bytes, 0, size);
        }

        ByteArrayInputStream asInput() {
            return new ByteArrayInputStream(bytes, 0, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
