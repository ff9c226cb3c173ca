package io.pillar.findings.parser.mapped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.findings.parser.Marks;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.Severity;
import io.pillar.platform.yaml.YamlTree;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * Reads a mapping file (YAML) into a {@link MappedFormat}: every field is checked, every expression compiled with CEL,
 * and every example parsed and compared with the findings it must give. Anything wrong is a {@link MappingException}
 * naming the file, the line and the reason.
 */
public final class MappingLoader {
    public static final int MAX_BYTES = 256 * 1024;
    private static final String FORMAT = "[a-z0-9][a-z0-9-]{1,49}";
    private static final String BEST_PRACTICE = "SEC(0[1-9]|1[01])-BP(0[1-9]|1[0-9])";
    private static final Set<String> TOP = Set.of("format", "title", "description", "product", "class", "input",
            "detect", "records", "records_required", "best_practices", "fields", "fingerprint", "examples");
    private static final Set<String> REQUIRED_FIELDS = Set.of("title", "rule", "severity");
    private static final Set<String> FIELDS = Set.of("title", "rule", "severity", "uid", "description",
            "remediation", "status", "location", "resource", "resource_type", "resource_name", "region", "account",
            "cve", "cwe", "cvss_score", "cvss_vector", "epss", "package", "installed_version", "fixed_version",
            "first_seen", "compliance");
    private static final Set<String> EXPECTABLE = Set.of("class", "title", "severity", "status", "rule", "uid",
            "description", "remediation", "resource", "resource_type", "location", "cve", "cwe", "cvss_score",
            "package", "installed_version", "fixed_version", "fingerprint_of");
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists())
            .addVar("record", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("parent", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("report", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();

    /** Compiles an expression of the mapping language; a {@link CelValidationException} says why it does not. */
    static CelRuntime.Program compile(String expression) throws CelValidationException, CelEvaluationException {
        return CEL.createProgram(CEL.compile(expression).getAst());
    }

    /** What loading a folder gave: the formats, and for each file that failed, why. */
    public record Result(List<MappedFormat> formats, List<MappingException> errors) {
    }

    /**
     * Every {@code *.yaml} of the folder; {@code reserved} are the built-in formats' names, which no mapping may take,
     * and best practices are checked against the catalog.
     */
    public static Result loadFolder(Path dir, Set<String> reserved, Predicate<String> knownBestPractice) {
        List<MappedFormat> formats = new ArrayList<>();
        List<MappingException> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Result(formats, errors);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            errors.add(new MappingException(dir.toString(), 0, "the mappings folder cannot be listed: "
                    + e.getMessage()));
            return new Result(formats, errors);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw new MappingException(name, 0, "larger than " + MAX_BYTES + " bytes");
                }
                MappedFormat f = parse(name, Files.readString(file, StandardCharsets.UTF_8), reserved,
                        knownBestPractice);
                String other = seen.putIfAbsent(f.format(), name);
                if (other != null) {
                    throw new MappingException(name, 1, "format '" + f.format() + "' is already defined by " + other);
                }
                formats.add(f);
            } catch (MappingException e) {
                errors.add(e);
            } catch (IOException e) {
                errors.add(new MappingException(name, 0, "cannot be read: " + e.getMessage()));
            }
        }
        return new Result(formats, errors);
    }

    /** One mapping file's text; {@code source} names it in errors (a file name, or "upload"). */
    public static MappedFormat parse(String source, String text, Set<String> reserved,
            Predicate<String> knownBestPractice) throws MappingException {
        if (text.length() > MAX_BYTES) {
            throw new MappingException(source, 0, "larger than " + MAX_BYTES + " bytes");
        }
        YamlTree tree;
        try {
            tree = YamlTree.parse(text, MAX_BYTES);
        } catch (YamlTree.Invalid e) {
            throw new MappingException(source, e.line(), e.getMessage());
        }
        if (!tree.isMapping()) {
            throw new MappingException(source, 1, "a mapping file is a YAML mapping (format, title, records, ...)");
        }
        Doc doc = new Doc(source, tree.json(), tree);
        for (var it = doc.json.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!TOP.contains(key)) {
                throw doc.error(List.of(key), "unknown key '" + key + "' (one of " + String.join(", ",
                        TOP.stream().sorted().toList()) + ")");
            }
        }
        String format = doc.text("format");
        if (!format.matches(FORMAT)) {
            throw doc.error(List.of("format"), "format must be lower-case letters, digits and dashes (2-50), was '"
                    + format + "'");
        }
        if (reserved.contains(format)) {
            throw doc.error(List.of("format"), "format '" + format + "' is a built-in format");
        }
        String title = doc.text("title");
        String product = doc.json.hasNonNull("product") ? doc.text("product") : title;
        String description = doc.json.path("description").asText("").strip();
        int classUid = switch (doc.text("class").toLowerCase(Locale.ROOT)) {
            case "vulnerability" -> NormalizedFinding.VULNERABILITY;
            case "compliance" -> NormalizedFinding.COMPLIANCE;
            case "detection" -> NormalizedFinding.DETECTION;
            default -> throw doc.error(List.of("class"), "class must be vulnerability, compliance or detection");
        };
        MappedFormat.Input input = switch (doc.json.path("input").asText("json")) {
            case "json" -> MappedFormat.Input.JSON;
            case "xml" -> MappedFormat.Input.XML;
            default -> throw doc.error(List.of("input"), "input must be json or xml");
        };
        List<Marks> marks = marks(doc, format);
        List<List<String>> records = new ArrayList<>();
        for (String path : doc.texts(List.of("records"))) {
            if (!path.matches("[^/\\s]+(/[^/\\s]+)*")) {
                throw doc.error(List.of("records"), "a record path is keys (or element names) separated by '/', was '"
                        + path + "'");
            }
            records.add(List.of(path.split("/")));
        }
        List<String> bestPractices = doc.json.has("best_practices")
                ? doc.texts(List.of("best_practices"))
                : List.of();
        for (String bp : bestPractices) {
            if (!bp.matches(BEST_PRACTICE) || !knownBestPractice.test(bp)) {
                throw doc.error(List.of("best_practices"), "'" + bp + "' is not a best practice of the catalog");
            }
        }
        Map<String, MappedFormat.Field> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = doc.json.path("fields");
        if (!fieldsNode.isObject()) {
            throw doc.error(List.of("fields"), "fields is required: a mapping of finding fields to CEL expressions");
        }
        for (var it = fieldsNode.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw doc.error(List.of("fields", name), "unknown field '" + name + "' (one of " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ")");
            }
            fields.put(name, compile(doc, List.of("fields", name), name));
        }
        for (String name : REQUIRED_FIELDS) {
            if (!fields.containsKey(name)) {
                throw doc.error(List.of("fields"), "fields." + name + " is required");
            }
        }
        JsonNode fingerprintNode = doc.json.path("fingerprint");
        if (!fingerprintNode.isArray() || fingerprintNode.isEmpty()) {
            throw doc.error(List.of("fingerprint"), "fingerprint is required: a list of CEL expressions whose values"
                    + " identify a finding across reports");
        }
        List<MappedFormat.Field> fingerprint = new ArrayList<>();
        for (int i = 0; i < fingerprintNode.size(); i++) {
            fingerprint.add(compile(doc, List.of("fingerprint", Integer.toString(i)), "fingerprint[" + i + "]"));
        }
        MappedFormat mapped = new MappedFormat(format, title, description, product, input,
                marks, List.copyOf(records), doc.json.path("records_required").asBoolean(true), classUid, fields,
                List.copyOf(fingerprint),
                List.copyOf(bestPractices), new MappedFormat.Origin(source, text, null, null, 0));
        checkExamples(doc, mapped);
        return mapped;
    }

    /** {@code detect}: one set of marks ({@code marks}, {@code score}), or a list of them for a format of several shapes. */
    private static List<Marks> marks(Doc doc, String format) throws MappingException {
        JsonNode detect = doc.json.path("detect");
        List<Marks> out = new ArrayList<>();
        if (detect.isObject()) {
            out.add(marks(doc, format, List.of("detect")));
        } else if (detect.isArray() && !detect.isEmpty()) {
            for (int i = 0; i < detect.size(); i++) {
                out.add(marks(doc, format, List.of("detect", Integer.toString(i))));
            }
        } else {
            throw doc.error(List.of("detect"), "detect is required: the marks (JSON keys, or <elements>) that all"
                    + " appear at the start of a report of this format, or a list of such sets");
        }
        return List.copyOf(out);
    }

    private static Marks marks(Doc doc, String format, List<String> at) throws MappingException {
        List<String> path = new ArrayList<>(at);
        path.add("marks");
        List<String> marks = doc.texts(path);
        JsonNode score = doc.at(at).path("score");
        int value = score.asInt(70);
        if (!score.isMissingNode() && (!score.canConvertToInt() || value < 1 || value > 100)) {
            throw doc.error(at, String.join(".", at) + ".score must be a number 1-100");
        }
        return new Marks(format, value, marks);
    }

    private static MappedFormat.Field compile(Doc doc, List<String> path, String name) throws MappingException {
        JsonNode node = doc.at(path);
        if (node == null || !node.isValueNode() || node.asText().isBlank()) {
            throw doc.error(path, name + " must be a CEL expression (text)");
        }
        String expression = node.asText();
        int line = doc.line(path);
        try {
            return new MappedFormat.Field(name, expression, line,
                    CEL.createProgram(CEL.compile(expression).getAst()));
        } catch (CelValidationException e) {
            CelIssue issue = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
            int at = line + doc.blockOffset(path)
                    + (issue == null ? 0 : Math.max(issue.getSourceLocation().getLine(), 1) - 1);
            throw new MappingException(doc.source, at, name + " does not compile: " + (issue == null
                    ? e.getMessage()
                    : issue.getMessage() + " (column " + (issue.getSourceLocation().getColumn() + 1) + ")"));
        } catch (dev.cel.runtime.CelEvaluationException | RuntimeException e) {
            throw new MappingException(doc.source, line, name + " does not compile: " + e.getMessage());
        }
    }

    /** Each example's input must be detected as the format and give the findings (and rejections) it lists. */
    private static void checkExamples(Doc doc, MappedFormat mapped) throws MappingException {
        JsonNode examples = doc.json.path("examples");
        if (!examples.isArray() || examples.isEmpty()) {
            throw doc.error(List.of("examples"), "examples is required: at least one input with the findings it gives");
        }
        for (int i = 0; i < examples.size(); i++) {
            List<String> at = List.of("examples", Integer.toString(i));
            JsonNode example = examples.get(i);
            String input = example.path("input").asText(null);
            if (input == null || input.isBlank()) {
                throw doc.error(at, "examples[" + i + "].input is required: a report, as text");
            }
            if (mapped.detect(new ReportHead(input)) == 0) {
                throw doc.error(at, "examples[" + i + "] is not detected by detect.marks " + mapped.nearMissOrNot(
                        new ReportHead(input)));
            }
            Collected out = new Collected();
            try {
                mapped.parse(ReportSource.of(input.getBytes(StandardCharsets.UTF_8)), out);
            } catch (IOException | RuntimeException e) {
                throw doc.error(at, "examples[" + i + "].input cannot be read: " + e.getMessage());
            }
            int rejected = example.path("rejected").asInt(0);
            if (out.rejections.size() != rejected) {
                throw doc.error(at,
                        "examples[" + i + "] gives " + out.rejections.size() + " rejected records, expected "
                                + rejected
                                + (out.rejections.isEmpty() ? "" : ": " + String.join("; ", out.rejections)));
            }
            JsonNode expected = example.path("findings");
            if (!expected.isArray()) {
                throw doc.error(at, "examples[" + i + "].findings is required: the findings the input gives");
            }
            if (expected.size() != out.findings.size()) {
                throw doc.error(at, "examples[" + i + "] gives " + out.findings.size() + " findings, expected "
                        + expected.size() + (out.rejections.isEmpty()
                                ? ""
                                : " (" + String.join("; ", out.rejections)
                                        + ")"));
            }
            for (int j = 0; j < expected.size(); j++) {
                compare(doc, List.of("examples", Integer.toString(i), "findings", Integer.toString(j)),
                        expected.get(j), out.findings.get(j), mapped.format());
            }
        }
    }

    private static void compare(Doc doc, List<String> at, JsonNode expected, NormalizedFinding actual, String format)
            throws MappingException {
        String where = "examples[" + at.get(1) + "].findings[" + at.get(3) + "]";
        for (var it = expected.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!EXPECTABLE.contains(key)) {
                throw doc.error(at, where + ": unknown key '" + key + "' (one of " + String.join(", ",
                        EXPECTABLE.stream().sorted().toList()) + ")");
            }
            String want = expected.get(key).isNull() ? null : expected.get(key).asText();
            String got = value(actual, key);
            if (key.equals("fingerprint_of")) {
                List<String> parts = new ArrayList<>();
                parts.add(format);
                expected.get(key).forEach(p -> parts.add(p.isNull() ? null : p.asText()));
                want = io.pillar.findings.parser.Fingerprint.of(parts.toArray(String[]::new));
                got = actual.fingerprint();
            }
            if (want == null ? got != null : !want.equals(got)) {
                List<String> keyAt = new ArrayList<>(at);
                keyAt.add(key);
                throw doc.error(keyAt, where + "." + key + " is " + (got == null ? "absent" : "'" + got + "'")
                        + ", expected " + (want == null ? "absent" : "'" + want + "'"));
            }
        }
    }

    private static String value(NormalizedFinding f, String key) {
        NormalizedFinding.Resource r = f.resources().isEmpty() ? null : f.resources().get(0);
        NormalizedFinding.Vulnerability v = f.vulnerabilities().isEmpty() ? null : f.vulnerabilities().get(0);
        return switch (key) {
            case "class" -> switch (f.classUid()) {
                case NormalizedFinding.VULNERABILITY -> "vulnerability";
                case NormalizedFinding.COMPLIANCE -> "compliance";
                default -> "detection";
            };
            case "title" -> f.title();
            case "severity" -> Severity.label(f.severityId());
            case "status" -> f.sourceStatus();
            case "rule" -> f.ruleUid();
            case "uid" -> f.uid();
            case "description" -> f.description();
            case "remediation" -> f.remediation();
            case "resource" -> r == null ? null : r.uid();
            case "resource_type" -> r == null ? null : r.type();
            case "location" -> f.location();
            case "cve" -> v == null ? null : v.cve();
            case "cwe" -> v == null ? null : v.cwe();
            case "cvss_score" -> v == null || v.cvssScore() == null ? null : v.cvssScore().toString();
            case "package" -> v == null ? null : v.packageName();
            case "installed_version" -> v == null ? null : v.installedVersion();
            case "fixed_version" -> v == null ? null : v.fixedVersion();
            default -> null;
        };
    }

    private static final class Collected implements io.pillar.findings.parser.FindingSink {
        final List<NormalizedFinding> findings = new ArrayList<>();
        final List<String> rejections = new ArrayList<>();

        @Override
        public void accept(NormalizedFinding finding) {
            findings.add(finding);
        }

        @Override
        public void reject(long index, String reason) {
            rejections.add("record " + index + ": " + reason);
        }
    }

    /** The file's values, and where each is written. */
    private record Doc(String source, JsonNode json, YamlTree tree) {

        String text(String key) throws MappingException {
            JsonNode v = json.get(key);
            if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw error(List.of(key), key + " is required (text)");
            }
            return v.asText().strip();
        }

        List<String> texts(List<String> path) throws MappingException {
            JsonNode v = at(path);
            String name = String.join(".", path);
            if (v == null || !v.isArray() || v.isEmpty()) {
                throw error(path, name + " is required (a non-empty list)");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isValueNode() || e.asText().isBlank()) {
                    throw error(path, name + " has an entry that is not a text");
                }
                out.add(e.asText());
            }
            return out;
        }

        JsonNode at(List<String> path) {
            return tree.at(path);
        }

        int line(List<String> path) {
            return tree.line(path);
        }

        int blockOffset(List<String> path) {
            return tree.blockOffset(path);
        }

        MappingException error(List<String> path, String reason) {
            return new MappingException(source, line(path), reason);
        }
    }

    private MappingLoader() {
    }
}
