package io.pillar.inventory.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.inventory.mapping.AssetDocument;
import io.pillar.platform.json.Json;
import io.pillar.platform.yaml.YamlTree;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;

/**
 * Reads the rules directory: one rule per {@code *.yaml} file, compiled with CEL and checked against its own examples.
 * A file that cannot be read, a field that is missing or wrong, an expression that does not compile, or an example
 * that does not come out as it says, is an error naming the file, the line and the reason.
 */
public final class RuleLoader {
    private static final Set<String> SEVERITIES = Set.of("informational", "low", "medium", "high", "critical");
    private static final String ID = "[a-z0-9][a-z0-9-]{1,99}";
    private static final String BEST_PRACTICE = "SEC(0[1-9]|1[01])-BP(0[1-9]|1[0-9])";
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
            .addVar("asset", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    /** Where a rule file went wrong (line 1-based, 0 when the whole file is concerned). */
    public record LoadError(String file, int line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    public record Result(List<Rule> rules, List<LoadError> errors) {
    }

    public static Result load(Path dir) {
        List<Rule> rules = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            errors.add(new LoadError(dir.toString(), 0, "the rules directory does not exist"));
            return new Result(rules, errors);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            errors.add(new LoadError(dir.toString(), 0, "the rules directory cannot be listed: " + e.getMessage()));
            return new Result(rules, errors);
        }
        Map<String, String> seen = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                Rule rule = parse(name, Files.readString(file, StandardCharsets.UTF_8));
                String other = seen.putIfAbsent(rule.id(), name);
                if (other != null) {
                    errors.add(new LoadError(name, 1, "id '" + rule.id() + "' is already used by " + other));
                } else {
                    rules.add(rule);
                }
            } catch (RuleException e) {
                errors.add(e.error);
            } catch (IOException e) {
                errors.add(new LoadError(name, 0, "cannot be read: " + e.getMessage()));
            }
        }
        return new Result(rules, errors);
    }

    /** One rule file's text to a rule, or a {@link RuleException} saying where and why not. */
    public static Rule parse(String file, String text) throws RuleException {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text, 3 * 1024 * 1024);
        } catch (YamlTree.Invalid e) {
            throw new RuleException(file, e.line(), e.getMessage());
        }
        if (!tree.isMapping()) {
            throw new RuleException(file, 1, "a rule file is a YAML mapping (id, title, severity, ...)");
        }
        JsonNode rule = tree.json();
        Fields f = new Fields(file, rule, tree);
        String id = f.text("id");
        if (!id.matches(ID)) {
            throw f.error("id", "id must be lower-case letters, digits and dashes, was '" + id + "'");
        }
        String severity = f.text("severity");
        if (!SEVERITIES.contains(severity)) {
            throw f.error("severity", "severity must be one of informational, low, medium, high, critical");
        }
        Set<String> types = new LinkedHashSet<>(f.list("resource_types", "[a-z*][a-z0-9_]*"));
        List<String> bestPractices = f.list("best_practices", BEST_PRACTICE);
        String expression = f.text("expression");
        String title = f.text("title");
        String remediation = f.text("remediation");
        String description = rule.path("description").asText(title);
        dev.cel.runtime.CelRuntime.Program program;
        try {
            program = CEL.createProgram(CEL.compile(expression).getAst());
        } catch (CelValidationException e) {
            CelIssue issue = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
            int line = f.line("expression") + tree.blockOffset(List.of("expression"))
                    + (issue == null ? 0 : Math.max(issue.getSourceLocation().getLine(), 1) - 1);
            throw new RuleException(file, line, "expression does not compile: "
                    + (issue == null
                            ? e.getMessage()
                            : issue.getMessage() + " (expression line "
                                    + issue.getSourceLocation().getLine() + ", column "
                                    + (issue.getSourceLocation().getColumn() + 1) + ")"));
        } catch (dev.cel.runtime.CelEvaluationException | RuntimeException e) {
            throw new RuleException(file, f.line("expression"), "expression does not compile: " + e.getMessage());
        }
        JsonNode examples = rule.path("examples");
        List<JsonNode> pass = new ArrayList<>();
        List<JsonNode> fail = new ArrayList<>();
        examples.path("pass").forEach(pass::add);
        examples.path("fail").forEach(fail::add);
        if (pass.isEmpty() || fail.isEmpty()) {
            throw f.error("examples", "examples needs at least one 'pass' and one 'fail' asset");
        }
        Rule compiled = new Rule(id, title, description, severity, types, bestPractices, remediation, expression,
                file, new Rule.Examples(pass, fail), program);
        check(compiled, pass, Rule.Outcome.PASS, f);
        check(compiled, fail, Rule.Outcome.FAIL, f);
        return compiled;
    }

    /** An example is a partial asset document; its type defaults to the rule's first resource type. */
    public static JsonNode example(Rule rule, JsonNode partial) {
        var doc = AssetDocument.complete(partial);
        if (!partial.has("type")) {
            String type = rule.resourceTypes().iterator().next();
            doc.put("type", "*".equals(type) ? "instance" : type);
        }
        return doc;
    }

    private static void check(Rule rule, List<JsonNode> examples, Rule.Outcome expected, Fields f)
            throws RuleException {
        for (int i = 0; i < examples.size(); i++) {
            Rule.Outcome got = rule.evaluate(example(rule, examples.get(i)));
            if (got != expected) {
                String kind = expected.name().toLowerCase(java.util.Locale.ROOT);
                throw new RuleException(f.file(), f.exampleLine(kind, i), "examples." + kind + "[" + i
                        + "] comes out " + got + ", expected " + expected);
            }
        }
    }

    /** A rule file that cannot be loaded. */
    public static final class RuleException extends Exception {
        final transient LoadError error;

        RuleException(String file, int line, String reason) {
            super(file + ":" + line + ": " + reason);
            this.error = new LoadError(file, line, reason);
        }

        public LoadError error() {
            return error;
        }
    }

    private record Fields(String file, JsonNode rule, YamlTree tree) {
        String text(String field) throws RuleException {
            JsonNode v = rule.get(field);
            if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw error(field, field + " is required (text)");
            }
            return v.asText().trim();
        }

        List<String> list(String field, String pattern) throws RuleException {
            JsonNode v = rule.get(field);
            if (v == null || !v.isArray() || v.isEmpty()) {
                throw error(field, field + " is required (a non-empty list)");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual() || !e.asText().matches(pattern)) {
                    throw error(field, field + " has an invalid entry '" + e.asText() + "'");
                }
                out.add(e.asText());
            }
            return out;
        }

        /** The line where the field's value starts (1 when the field is absent). */
        int line(String field) {
            org.yaml.snakeyaml.nodes.Node n = tree.node(List.of(field));
            return n == null ? 1 : n.getStartMark().getLine() + 1;
        }

        /** The line of one example ({@code examples.pass[i]}), or of the examples key when it cannot be found. */
        int exampleLine(String kind, int index) {
            org.yaml.snakeyaml.nodes.Node n = tree.node(List.of("examples", kind, Integer.toString(index)));
            return n == null ? line("examples") : n.getStartMark().getLine() + 1;
        }

        RuleException error(String field, String reason) {
            return new RuleException(file, line(field), reason);
        }
    }

    private RuleLoader() {
    }
}
