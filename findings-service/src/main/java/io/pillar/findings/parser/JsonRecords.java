package io.pillar.findings.parser;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The records of a JSON report found by paths, with the context every record needs wherever the report writes it.
 * A report is the top-level object (or each object of a top-level array, or each value of JSON Lines). A path is keys
 * from the report down to the records, {@code /}-separated; an array met on the way is stepped through element by
 * element, and the array (or object) at its end holds the records: {@code site/alerts} finds the alerts of every site.
 * <p>
 * The report is read twice: first for its context (the report without the records of any path, skipping them),
 * then streaming the records. So a record sees the report's members written after the records (Grype writes the
 * scanned image after its matches) while memory holds one record and the context, never the whole report. A report
 * that is not valid JSON fails in the first pass, before any record is handed on.
 */
public final class JsonRecords {

    /** The report and the object holding the record, both without the records of any path. */
    public record Context(ObjectNode report, ObjectNode parent) {
    }

    @FunctionalInterface
    public interface Handler {
        void record(long index, JsonNode record, Context context);
    }

    /** Each path is {@code /}-separated keys, e.g. {@code results/failed_checks}. */
    public static List<List<String>> paths(String... paths) {
        return Arrays.stream(paths).map(p -> List.of(p.split("/"))).toList();
    }

    /**
     * Hands on every record of every path, with its context; elements of a record array that are not objects are
     * rejected. {@code what} names the format in errors ("a Grype report").
     */
    public static void read(ReportSource source, List<List<String>> paths, String what, FindingSink sink,
            Handler handler) throws IOException, MalformedReportException {
        read(source, paths, what, sink, handler, true);
    }

    /**
     * As {@link #read(ReportSource, List, String, FindingSink, Handler)}; unless {@code required}, a report in which
     * no path is present has no records rather than being refused (a tool that writes only a summary when it found
     * nothing to check).
     */
    public static void read(ReportSource source, List<List<String>> paths, String what, FindingSink sink,
            Handler handler, boolean required) throws IOException, MalformedReportException {
        List<ObjectNode> contexts = new ArrayList<>();
        try (InputStream in = source.open()) {
            JsonReport.read(in, p -> {
                boolean[] found = {false};
                forEachReport(p, what, () -> {
                    contexts.add(p.currentToken() == JsonToken.START_OBJECT ? strip(p, paths, found) : skip(p));
                });
                if (!found[0] && required) {
                    throw JsonReport.malformed(p, "expected " + what + ": records under " + String.join(" or ",
                            paths.stream().map(k -> String.join("/", k)).toList()));
                }
            });
        }
        try (InputStream in = source.open()) {
            JsonReport.read(in, p -> {
                long[] index = {0};
                int[] report = {0};
                forEachReport(p, what, () -> {
                    ObjectNode context = contexts.get(report[0]++);
                    if (context == null) {
                        p.skipChildren();
                        sink.reject(index[0]++, "expected " + what + " (a JSON object), found "
                                + p.currentToken());
                        return;
                    }
                    walk(p, paths, context, context, index, sink, handler);
                });
            });
        }
    }

    private interface ReportReader {
        void read() throws IOException;
    }

    /** Calls {@code reader} at the first token of each report: a top-level value, or an element of a top-level array. */
    private static void forEachReport(JsonParser p, String what, ReportReader reader)
            throws IOException, MalformedReportException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw JsonReport.malformed(p, "expected " + what + ": a JSON object or array, found nothing");
        }
        for (; t != null; t = p.nextToken()) {
            if (t == JsonToken.START_ARRAY) {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw JsonReport.malformed(p, "unexpected end of the report");
                    }
                    reader.read();
                }
            } else if (t == JsonToken.START_OBJECT) {
                reader.read();
            } else {
                throw JsonReport.malformed(p, "expected " + what + ": a JSON object or array, found " + t);
            }
        }
    }

    private static ObjectNode skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** The object the parser is at (its START_OBJECT), without the records of the paths. */
    private static ObjectNode strip(JsonParser p, List<List<String>> paths, boolean[] found) throws IOException {
        ObjectNode out = JsonReport.MAPPER.createObjectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            List<List<String>> below = below(paths, key);
            if (below == null) {
                out.set(key, p.readValueAsTree());
            } else if (below.isEmpty()) {
                found[0] = true;
                p.skipChildren();
            } else if (value == JsonToken.START_OBJECT) {
                out.set(key, strip(p, below, found));
            } else if (value == JsonToken.START_ARRAY) {
                ArrayNode array = out.putArray(key);
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(t == JsonToken.START_OBJECT ? strip(p, below, found) : p.readValueAsTree());
                }
            } else {
                out.set(key, p.readValueAsTree());
            }
        }
        return out;
    }

    /** Streams the records below the object the parser is at, {@code context} being that object stripped. */
    private static void walk(JsonParser p, List<List<String>> paths, ObjectNode context, ObjectNode report,
            long[] index, FindingSink sink, Handler handler) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            List<List<String>> below = below(paths, key);
            if (below == null) {
                p.skipChildren();
            } else if (below.isEmpty()) {
                records(p, value, new Context(report, context), index, sink, handler);
            } else if (value == JsonToken.START_OBJECT) {
                walk(p, below, object(context.get(key)), report, index, sink, handler);
            } else if (value == JsonToken.START_ARRAY) {
                JsonNode elements = context.get(key);
                int i = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT) {
                        walk(p, below, object(elements == null ? null : elements.get(i)), report, index, sink,
                                handler);
                    } else {
                        p.skipChildren();
                    }
                    i++;
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * The context the first pass kept for an object, or an empty one where it kept something else: a key written
     * twice in one object (the first pass keeps its last value, the second walks both).
     */
    private static ObjectNode object(JsonNode context) {
        return context instanceof ObjectNode o ? o : JsonReport.MAPPER.createObjectNode();
    }

    private static void records(JsonParser p, JsonToken value, Context context, long[] index, FindingSink sink,
            Handler handler) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            handler.record(index[0]++, p.readValueAsTree(), context);
        } else if (value == JsonToken.START_ARRAY) {
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                long i = index[0]++;
                if (t == JsonToken.START_OBJECT) {
                    handler.record(i, p.readValueAsTree(), context);
                } else {
                    p.skipChildren();
                    sink.reject(i, "expected a JSON object, found " + t);
                }
            }
        }
    }

    /** The rest of each path that goes through {@code key}: null when none does, empty when one ends there. */
    private static List<List<String>> below(List<List<String>> paths, String key) {
        List<List<String>> out = null;
        for (List<String> path : paths) {
            if (path.get(0).equals(key)) {
                if (path.size() == 1) {
                    return List.of();
                }
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(path.subList(1, path.size()));
            }
        }
        return out;
    }

    private JsonRecords() {
    }
}
