package io.pillar.findings.parser;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;

/**
 * Streaming over JSON reports: the records of an array are read one at a time as small trees, so a report of any size
 * needs memory for one record only; where a report cannot be read, the error says where. The field readers every
 * parser uses are {@link ReportFields}.
 */
public final class JsonReport {
    public static final ObjectMapper MAPPER = Json.UNTRUSTED;

    /** Receives each record of the report. */
    @FunctionalInterface
    public interface RecordHandler {
        void record(long index, JsonNode record);
    }

    /**
     * Walks the records: the elements of a top-level array, or of the array under one of {@code arrayKeys} of a
     * top-level object. When that key comes first (as scanners write it), the array is streamed; otherwise the object
     * is read whole, and with {@code singleRecord} an object without such an array is itself the one record. An element
     * that is not an object is rejected, not fatal. An Amazon EventBridge event (how AWS services deliver findings, alone
     * or in an array) stands for its {@code detail}: the records of its array, or the detail itself. Several top-level
     * values one after another (JSON Lines, or objects concatenated as Kinesis Data Firehose writes them) are each read
     * so.
     */
    public static void forEachRecord(InputStream in, Set<String> arrayKeys, String what, FindingSink sink,
            RecordHandler records, boolean singleRecord) throws IOException, MalformedReportException {
        RecordHandler handler = unwrappingEvents(arrayKeys, sink, records);
        read(in, p -> {
            long[] index = {0};
            JsonToken first = p.nextToken();
            if (first == null) {
                throw malformed(p, "expected " + what + ": a JSON array or object, found nothing");
            }
            for (; first != null; first = p.nextToken()) {
                readTopLevel(p, first, arrayKeys, what, sink, handler, singleRecord, index);
            }
        });
    }

    /** Reading work on a parser. */
    @FunctionalInterface
    public interface ParserWork {
        void run(JsonParser p) throws IOException;
    }

    /**
     * Runs reading work over an untrusted JSON stream: a JSON error becomes a {@link MalformedReportException} at its
     * place, the parser's when the error has none (a limit exceeded: nesting, text or number length).
     */
    public static void read(InputStream in, ParserWork work) throws IOException, MalformedReportException {
        try (JsonParser p = Json.untrustedParser(in)) {
            try {
                work.run(p);
            } catch (JsonProcessingException e) {
                throw e.getLocation() == null
                        ? malformed(p, "not valid JSON: " + e.getOriginalMessage())
                        : malformed(e);
            }
        } catch (JsonProcessingException e) {
            throw malformed(e); // the encoding, refused before reading
        }
    }

    private static void readTopLevel(JsonParser p, JsonToken first, Set<String> arrayKeys, String what,
            FindingSink sink, RecordHandler handler, boolean singleRecord, long[] index)
            throws IOException, MalformedReportException {
        if (first == JsonToken.START_ARRAY) {
            readArray(p, sink, handler, index);
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw malformed(p, "expected " + what + ": a JSON array or object, found " + first);
        }
        ObjectNode object = MAPPER.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.START_ARRAY && object.isEmpty() && arrayKeys.contains(key)) {
                readArray(p, sink, handler, index);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    p.nextToken();
                    p.skipChildren();
                }
                return;
            }
            object.set(key, p.readValueAsTree());
        }
        JsonNode array = arrayUnder(object, arrayKeys);
        if (array != null) {
            for (JsonNode element : array) {
                long i = index[0]++;
                if (element.isObject()) {
                    handler.record(i, element);
                } else {
                    sink.reject(i, "expected a JSON object, found " + element.getNodeType());
                }
            }
        } else if (singleRecord || eventDetail(object) != null) {
            handler.record(index[0]++, object);
        } else {
            throw malformed(p, "expected " + what + ": an object with an array under " + arrayKeys);
        }
    }

    /** The first array under one of {@code keys} of the object, or null. */
    private static JsonNode arrayUnder(JsonNode object, Set<String> keys) {
        return keys.stream().map(object::get).filter(n -> n != null && n.isArray()).findFirst().orElse(null);
    }

    /** The detail of an Amazon EventBridge event, or null when the record is not one. */
    private static JsonNode eventDetail(JsonNode record) {
        JsonNode detail = record.get("detail");
        return detail != null && detail.isObject() && record.path("detail-type").isTextual() ? detail : null;
    }

    /** Hands on the records an EventBridge event stands for (sharing its index), and any other record as it is. */
    private static RecordHandler unwrappingEvents(Set<String> arrayKeys, FindingSink sink, RecordHandler handler) {
        return (index, record) -> {
            JsonNode detail = eventDetail(record);
            if (detail == null) {
                handler.record(index, record);
                return;
            }
            JsonNode array = arrayUnder(detail, arrayKeys);
            if (array == null) {
                handler.record(index, detail);
                return;
            }
            for (JsonNode element : array) {
                if (element.isObject()) {
                    handler.record(index, element);
                } else {
                    sink.reject(index, "expected a JSON object in the event's detail, found " + element.getNodeType());
                }
            }
        };
    }

    /**
     * {@link #forEachRecord} where each record is one finding: mapped, or rejected with the reason the mapping gives
     * (an {@link IllegalArgumentException}).
     */
    public static void forEachFinding(InputStream in, Set<String> arrayKeys, String what, FindingSink sink,
            java.util.function.Function<JsonNode, NormalizedFinding> mapping, boolean singleRecord)
            throws IOException, MalformedReportException {
        forEachRecord(in, arrayKeys, what, sink, (index, record) -> {
            try {
                sink.accept(mapping.apply(record));
            } catch (IllegalArgumentException e) {
                sink.reject(index, e.getMessage());
            }
        }, singleRecord);
    }

    /**
     * Copies a report to {@code out}, checking on the way that it is well-formed JSON (one value, or several one after
     * another as JSON Lines): what an import checks before it writes anything, so that a report broken near its end
     * leaves nothing behind.
     */
    public static void copyChecked(InputStream in, OutputStream out) throws IOException, MalformedReportException {
        read(tee(in, out), p -> {
            if (p.nextToken() == null) {
                throw malformed(p, "expected a JSON report, found nothing");
            }
            do {
                p.skipChildren();
            } while (p.nextToken() != null); // JSON Lines: each value is checked too
        });
    }

    /** What is read from {@code in} is also written to {@code out}: a report checked while it is spooled. */
    public static InputStream tee(InputStream in, OutputStream out) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    out.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    out.write(buffer, offset, n);
                }
                return n;
            }
        };
    }

    /** For formats that are one JSON value: nothing may follow it. */
    public static void expectEnd(JsonParser p, String what) throws IOException, MalformedReportException {
        if (p.nextToken() != null) {
            throw malformed(p, "expected the end of the report after the " + what + " (one per report)");
        }
    }

    /** Reads the array the parser is at (its START_ARRAY), one record at a time. */
    private static void readArray(JsonParser p, FindingSink sink, RecordHandler handler, long[] index)
            throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of the report");
            }
            long i = index[0]++;
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                sink.reject(i, "expected a JSON object, found " + t);
                continue;
            }
            handler.record(i, p.readValueAsTree());
        }
    }

    public static MalformedReportException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new MalformedReportException("not valid JSON" + where + ": " + e.getOriginalMessage(),
                at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                at == null ? -1 : at.getByteOffset());
    }

    public static MalformedReportException malformed(JsonParser p, String expected) {
        JsonLocation at = p.currentTokenLocation();
        return new MalformedReportException(expected + " (line " + at.getLineNr() + ", column " + at.getColumnNr()
                + ")", at.getLineNr(), at.getColumnNr(), at.getByteOffset());
    }

    private JsonReport() {
    }
}
