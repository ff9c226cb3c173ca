package io.pillar.inventory.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** Every rule file of the repository loads, and each of its examples comes out as it says. */
class RuleFilesTest {
    private static final Path RULES = Path.of("rules");

    @Test
    void everyRuleFileLoads() {
        RuleLoader.Result result = RuleLoader.load(RULES);
        assertEquals(List.of(), result.errors());
        assertTrue(result.rules().size() >= 25, "at least 25 rules, found " + result.rules().size());
        for (Rule r : result.rules()) {
            assertEquals(r.id() + ".yaml", r.file(), "a rule's file is named after its id");
        }
    }

    @TestFactory
    List<DynamicTest> eachExampleComesOutAsItSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : RuleLoader.load(RULES).rules()) {
            for (int i = 0; i < rule.examples().pass().size(); i++) {
                JsonNode example = rule.examples().pass().get(i);
                tests.add(DynamicTest.dynamicTest(rule.id() + " passes example " + i, () -> assertEquals(
                        Rule.Outcome.PASS, rule.evaluate(RuleLoader.example(rule, example)))));
            }
            for (int i = 0; i < rule.examples().fail().size(); i++) {
                JsonNode example = rule.examples().fail().get(i);
                tests.add(DynamicTest.dynamicTest(rule.id() + " fails example " + i, () -> assertEquals(
                        Rule.Outcome.FAIL, rule.evaluate(RuleLoader.example(rule, example)))));
            }
        }
        return tests;
    }

    @Test
    void brokenRulesAreRefusedWithFileLineAndReason() {
        RuleLoader.Result result = RuleLoader.load(Path.of("src/test/resources/broken-rules"));
        assertEquals(List.of(), result.rules());
        Map<String, RuleLoader.LoadError> byFile = result.errors().stream()
                .collect(Collectors.toMap(RuleLoader.LoadError::file, e -> e));
        RuleLoader.LoadError expression = byFile.get("bad-expression.yaml");
        assertEquals(8, expression.line(), "the expression's second line, where it ends early: " + expression);
        assertTrue(expression.reason().startsWith("expression does not compile"), expression.reason());
        RuleLoader.LoadError example = byFile.get("wrong-example.yaml");
        assertTrue(example.reason().contains("examples.fail[0] comes out PASS"), example.reason());
        assertEquals(12, example.line(), "the failing example's line");
        RuleLoader.LoadError yaml = byFile.get("not-yaml.yaml");
        assertTrue(yaml.reason().startsWith("not valid YAML"), yaml.reason());
        assertTrue(yaml.line() >= 2, yaml.toString());
        RuleLoader.LoadError missing = byFile.get("missing-fields.yaml");
        assertTrue(missing.reason().contains("severity is required"), missing.reason());
    }

    @Test
    void anAttributeTheAssetLacksLeavesTheOutcomeUnknown() throws Exception {
        Rule rule = RuleLoader.parse("tt.yaml", """
                id: tt
                title: t
                severity: low
                resource_types: [bucket]
                best_practices: [SEC08-BP02]
                expression: asset.attributes.encryption != null
                remediation: r
                examples:
                  pass: [{"attributes": {"encryption": "AES256"}}]
                  fail: [{"attributes": {"encryption": null}}]
                """);
        assertEquals(Rule.Outcome.UNKNOWN, rule.evaluate(RuleLoader.example(rule,
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"attributes\": {}}"))));
    }
}
