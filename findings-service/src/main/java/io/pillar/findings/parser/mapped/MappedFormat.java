package io.pillar.findings.parser.mapped;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonRecords;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.Marks;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.parser.XmlRecords;
import io.pillar.platform.cel.CelJson;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * A format defined by a mapping file rather than code (see {@code mappings/README.md} of this service): where the
 * records are, and a CEL expression per field of the finding over {@code record}, {@code parent} and {@code report}.
 * It reads, detects, rejects and fingerprints as a hand-written parser does.
 */
public final class MappedFormat implements FindingParser {

    /** The document kind a mapping reads. */
    public enum Input {
        JSON, XML
    }

    /** A compiled field expression and where it is written. */
    record Field(String name, String expression, int line, CelRuntime.Program program) {
    }

    /** Where the mapping came from: a file of the mappings folder, or an upload (by whom, when, which version). */
    public record Origin(String source, String text, String uploadedBy, Instant uploadedAt, int version) {
    }

    private final String format;
    private final String title;
    private final String description;
    private final String product;
    private final Input input;
    private final List<Marks> marks;
    private final List<List<String>> records;
    private final boolean recordsRequired;
    private final int classUid;
    private final Map<String, Field> fields;
    private final List<Field> fingerprint;
    private final List<String> bestPractices;
    private final Origin origin;
    /** One slot per distinct expression: a record evaluates each once, however many fields use it. */
    private final Map<String, Integer> slots = new java.util.HashMap<>();
    /** Slots whose expression reads neither record nor parent: evaluated once per report. */
    private final java.util.BitSet reportOnly = new java.util.BitSet();
    /**
     * Slots whose expression is a plain selection ({@code record.artifact.name}): read straight from the JSON, with
     * the value and the missing-key failure CEL would give, without running the interpreter.
     */
    private final List<String[]> selections = new ArrayList<>();
    /**
     * The record's other expressions as one CEL list, so that a record takes one run of the interpreter; a record for
     * which it fails (a missing key somewhere) has its expressions run one by one, each failing or not on its own.
     */
    private final CelRuntime.Program together;
    private final int[] togetherSlots;

    MappedFormat(String format, String title, String description, String product, Input input, List<Marks> marks,
            List<List<String>> records, boolean recordsRequired, int classUid, Map<String, Field> fields,
            List<Field> fingerprint,
            List<String> bestPractices, Origin origin) {
        this.format = format;
        this.title = title;
        this.description = description;
        this.product = product;
        this.input = input;
        this.marks = marks;
        this.records = records;
        this.recordsRequired = recordsRequired;
        this.classUid = classUid;
        this.fields = fields;
        this.fingerprint = fingerprint;
        this.bestPractices = bestPractices;
        this.origin = origin;
        List<Field> all = new ArrayList<>(fields.values());
        all.addAll(fingerprint);
        for (Field f : all) {
            if (!slots.containsKey(f.expression())) {
                int slot = slots.size();
                slots.put(f.expression(), slot);
                if (!READS_RECORD.matcher(f.expression()).find()) {
                    reportOnly.set(slot);
                }
                String expression = f.expression().strip();
                selections.add(SELECTION.matcher(expression).matches() ? expression.split("\\.") : null);
            }
        }
        List<String> expressions = new ArrayList<>(slots.keySet());
        expressions.sort(java.util.Comparator.comparing(slots::get));
        List<Integer> joined = new ArrayList<>();
        StringBuilder list = new StringBuilder("[");
        for (String expression : expressions) {
            int slot = slots.get(expression);
            if (!reportOnly.get(slot) && selections.get(slot) == null) {
                list.append(joined.isEmpty() ? "" : ",\n").append("(").append(expression).append("\n)");
                joined.add(slot);
            }
        }
        CelRuntime.Program program = null;
        if (joined.size() > 1) {
            try {
                program = MappingLoader.compile(list.append("]").toString());
            } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
                program = null; // each compiles alone: run them one by one
            }
        }
        together = program;
        togetherSlots = program == null ? new int[0] : joined.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final java.util.regex.Pattern READS_RECORD = java.util.regex.Pattern.compile(
            "\\b(record|parent)\\b");
    private static final java.util.regex.Pattern SELECTION = java.util.regex.Pattern.compile(
            "(record|parent|report)(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Object NONE = new Object();

    /** Why an expression gave no value for a record, kept so that each field using it says so. */
    private record Failure(String reason) {
    }

    /** The values of one record's expressions, and of its report's (kept while the report is the same). */
    private final class Evaluation {
        final CelVariableResolver variables;
        final Object[] values;
        final Object[] reportValues;
        final ReportCache cache;
        final JsonNode record;
        final JsonNode parent;
        final JsonNode report;

        Evaluation(CelVariableResolver variables, ReportCache cache, JsonNode record, JsonNode parent,
                JsonNode report) {
            this.variables = variables;
            this.record = record;
            this.parent = parent;
            this.report = report;
            this.values = new Object[slots.size()];
            this.reportValues = cache.valuesFor(report);
            this.cache = cache;
        }
    }

    /** Per parse: the report whose report-only values are kept. */
    private final class ReportCache {
        JsonNode report;
        Object[] values;
        /** The last time text read and its instant: a report-wide time is parsed once. */
        String timeText;
        Instant time;

        Object[] valuesFor(JsonNode r) {
            if (r != report) {
                report = r;
                values = new Object[slots.size()];
            }
            return values;
        }
    }

    @Override
    public String format() {
        return format;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Input input() {
        return input;
    }

    public List<String> bestPractices() {
        return bestPractices;
    }

    public Origin origin() {
        return origin;
    }

    public List<String> recordPaths() {
        return records.stream().map(p -> String.join("/", p)).toList();
    }

    /** This format as uploaded by an admin. */
    public MappedFormat withUpload(String by, Instant at, int version) {
        return new MappedFormat(format, title, description, product, input, marks, records, recordsRequired,
                classUid, fields,
                fingerprint, bestPractices, new Origin("upload", origin.text(), by, at, version));
    }

    @Override
    public int detect(ReportHead head) {
        boolean xml = head.first() == '<';
        return xml == (input == Input.XML) ? marks.stream().mapToInt(m -> m.score(head)).max().orElse(0) : 0;
    }

    @Override
    public String nearMiss(ReportHead head) {
        return marks.stream().map(m -> m.nearMiss(head)).filter(m -> m != null).findFirst().orElse(null);
    }

    /** For an example that is not detected: what it lacks, when it has some of the marks. */
    String nearMissOrNot(ReportHead head) {
        String miss = nearMiss(head);
        return miss == null
                ? "(it has too few of " + marks.stream().map(Marks::marks).toList() + ")"
                : "(it " + miss + ")";
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        parse(ReportSource.buffered(report), sink);
    }

    @Override
    public void parse(ReportSource report, FindingSink sink) throws IOException, MalformedReportException {
        ReportCache cache = new ReportCache();
        JsonRecords.Handler handler = (index, record, context) -> {
            try {
                sink.accept(map(record, context, cache));
            } catch (IllegalArgumentException e) {
                sink.reject(index, e.getMessage());
            }
        };
        String what = "a " + title + " report (records at " + String.join(" or ", recordPaths()) + ")";
        if (input == Input.XML) {
            try (InputStream in = new BufferedInputStream(report.open())) {
                XmlRecords.read(in, records, what, sink, handler);
            }
        } else {
            JsonRecords.read(report, records, what, sink, handler, recordsRequired);
        }
    }

    /** One record as a finding; an {@link IllegalArgumentException} names the field that could not be computed. */
    NormalizedFinding map(JsonNode record, JsonRecords.Context context, ReportCache cache) {
        Object recordValue = CelJson.of(record);
        Object parentValue = CelJson.of(context.parent());
        Object reportValue = CelJson.of(context.report());
        Evaluation variables = new Evaluation(name -> switch (name) {
            case "record" -> Optional.of(recordValue);
            case "parent" -> Optional.of(parentValue);
            case "report" -> Optional.of(reportValue);
            default -> Optional.empty();
        }, cache, record, context.parent(), context.report());
        if (together != null) {
            try {
                List<?> values = (List<?>) together.eval(variables.variables);
                for (int i = 0; i < togetherSlots.length; i++) {
                    Object v = values.get(i);
                    variables.values[togetherSlots[i]] = v == null || v == NullValue.NULL_VALUE ? NONE : v;
                }
            } catch (CelEvaluationException | RuntimeException e) {
                // one of them fails for this record: evaluated one by one below
            }
        }
        String title = required("title", variables);
        String rule = required("rule", variables);
        List<String> parts = new ArrayList<>(fingerprint.size() + 1);
        parts.add(format);
        for (Field f : fingerprint) {
            parts.add(text(f, evaluate(f, variables, true)));
        }
        String resource = optional("resource", variables);
        List<NormalizedFinding.Resource> resources = resource == null
                ? List.of()
                : List.of(new NormalizedFinding.Resource(resource, orElse(optional("resource_type", variables),
                        "other"), optional("resource_name", variables), optional("region", variables),
                        optional("account", variables)));
        NormalizedFinding.Vulnerability vulnerability = new NormalizedFinding.Vulnerability(
                optional("cve", variables), optional("cwe", variables), optional("cvss_vector", variables),
                number("cvss_score", variables), number("epss", variables), optional("package", variables),
                optional("installed_version", variables), optional("fixed_version", variables));
        boolean anyVulnerability = vulnerability.cve() != null || vulnerability.cwe() != null
                || vulnerability.cvssScore() != null || vulnerability.cvssVector() != null
                || vulnerability.epss() != null || vulnerability.packageName() != null;
        return new NormalizedFinding(format, Fingerprint.of(parts.toArray(String[]::new)), classUid,
                severity(variables), status(variables), orElse(optional("uid", variables), rule), title,
                optional("description", variables), product, rule, resources,
                anyVulnerability ? List.of(vulnerability) : List.of(), optional("remediation", variables),
                list("compliance", variables), optional("location", variables), instant(variables),
                ReportFields.raw(record));
    }

    private String required(String name, Evaluation variables) {
        Field f = fields.get(name);
        String value = text(f, evaluate(f, variables, true));
        if (value == null) {
            throw new IllegalArgumentException(name + " is empty (" + f.expression() + ")");
        }
        return value;
    }

    /** An optional field: absent when not mapped, when it evaluates to null, or when its expression fails. */
    private String optional(String name, Evaluation variables) {
        Field f = fields.get(name);
        return f == null ? null : text(f, evaluate(f, variables, false));
    }

    private Double number(String name, Evaluation variables) {
        Field f = fields.get(name);
        Object v = f == null ? null : evaluate(f, variables, false);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.valueOf(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private List<String> list(String name, Evaluation variables) {
        Field f = fields.get(name);
        Object v = f == null ? null : evaluate(f, variables, false);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object e : l) {
                String s = scalar(e);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }
        String s = scalar(v);
        return s == null ? List.of() : List.of(s);
    }

    /** A label (critical, high, ...), a severity_id (0-6, 99) or a 0-10 score. */
    private int severity(Evaluation variables) {
        Field f = fields.get("severity");
        Object v = evaluate(f, variables, true);
        if (v instanceof String s) {
            return Severity.fromLabel(s);
        }
        if (v instanceof Long l) {
            if (l >= 0 && l <= 6 || l == 99) {
                return l.intValue();
            }
            throw new IllegalArgumentException("severity: " + l + " is not a severity_id (0-6, 99)");
        }
        if (v instanceof Double d) {
            return Severity.fromScore(d);
        }
        return Severity.UNKNOWN;
    }

    private String status(Evaluation variables) {
        String status = optional("status", variables);
        if (status == null) {
            return NormalizedFinding.NEW;
        }
        String s = status.toLowerCase(Locale.ROOT);
        if (!s.equals(NormalizedFinding.NEW) && !s.equals(NormalizedFinding.RESOLVED)
                && !s.equals(NormalizedFinding.SUPPRESSED)) {
            throw new IllegalArgumentException("status: '" + status + "' is not new, resolved or suppressed");
        }
        return s;
    }

    private Instant instant(Evaluation variables) {
        Field f = fields.get("first_seen");
        Object v = f == null ? null : evaluate(f, variables, false);
        if (v instanceof com.google.protobuf.Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        }
        if (v instanceof Long l) {
            return l > 100_000_000_000L ? Instant.ofEpochMilli(l) : Instant.ofEpochSecond(l);
        }
        if (v instanceof String s) {
            if (!s.equals(variables.cache.timeText)) {
                variables.cache.timeText = s;
                try {
                    variables.cache.time = OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e) {
                    variables.cache.time = null;
                }
            }
            return variables.cache.time;
        }
        return null;
    }

    /** The field's value, each distinct expression evaluated once per record (once per report if it reads only it). */
    private Object evaluate(Field f, Evaluation e, boolean required) {
        int slot = slots.get(f.expression());
        Object[] values = reportOnly.get(slot) ? e.reportValues : e.values;
        Object v = values[slot];
        if (v == null) {
            String[] selection = selections.get(slot);
            if (selection != null) {
                v = select(selection, e);
            } else {
                try {
                    Object result = f.program().eval(e.variables);
                    v = result == null || result == NullValue.NULL_VALUE ? NONE : result;
                } catch (CelEvaluationException | RuntimeException ex) {
                    v = new Failure(reason(ex));
                }
            }
            values[slot] = v;
        }
        if (v instanceof Failure failure) {
            if (required) {
                throw new IllegalArgumentException(f.name() + ": " + failure.reason());
            }
            return null;
        }
        return v == NONE ? null : v;
    }

    /** {@code record.a.b} read from the JSON: what CEL gives for it, or its failure on a missing key. */
    private static Object select(String[] selection, Evaluation e) {
        JsonNode node = switch (selection[0]) {
            case "record" -> e.record;
            case "parent" -> e.parent;
            default -> e.report;
        };
        for (int i = 1; i < selection.length; i++) {
            if (node == null || !node.isObject()) {
                return new Failure(node == null || node.isNull()
                        ? "no such key: " + selection[i]
                        : "no such overload: selecting '" + selection[i] + "' of a " + node.getNodeType());
            }
            node = node.get(selection[i]);
            if (node == null) {
                return new Failure("no such key: " + selection[i]);
            }
        }
        Object value = CelJson.of(node);
        return value == NullValue.NULL_VALUE ? NONE : value;
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replaceFirst("^evaluation error[^:]*: ", "");
    }

    private static String text(Field f, Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(e -> {
                String s = scalar(e);
                if (s != null) {
                    parts.add(s);
                }
            });
            return parts.isEmpty() ? null : String.join(", ", parts);
        }
        if (v instanceof Map<?, ?>) {
            throw new IllegalArgumentException(f.name() + ": a map, expected a text (" + f.expression() + ")");
        }
        return scalar(v);
    }

    private static String scalar(Object v) {
        if (v == null || v == NullValue.NULL_VALUE) {
            return null;
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v.toString();
        return s.isBlank() ? null : s;
    }

    private static String orElse(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
