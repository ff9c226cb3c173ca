package io.pillar.findings.parser.mapped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

/** The formats Pillar ships as mapping files (mappings/), over fixtures written here. */
class ShippedMappingsTest {

    @Test
    void everyShippedMappingLoadsAndGivesWhatItsExamplesSay() {
        MappingLoader.Result result = MappingLoader.loadFolder(java.nio.file.Path.of("mappings"),
                Parsing.REGISTRY.builtIn(), new io.pillar.findings.service.BestPractices()::known);
        assertEquals(java.util.List.of(), result.errors());
        assertEquals(java.util.List.of("bandit", "checkov", "semgrep"),
                result.formats().stream().map(MappedFormat::format).toList());
    }

    @Test
    void noFindings() throws Exception {
        for (String format : new String[]{"bandit", "checkov", "semgrep"}) {
            var out = Parsing.fixture(format, "no_findings.json");
            assertEquals(0, out.findings.size(), format);
            assertEquals(0, out.rejections.size(), format);
        }
    }

    @Test
    void bandit() throws Exception {
        NormalizedFinding f = Parsing.fixture("bandit", "one_finding.json").findings.get(0);
        assertEquals("B602 subprocess_popen_with_shell_equals_true: subprocess call with shell=True identified, "
                + "security issue.", f.title());
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals(NormalizedFinding.DETECTION, f.classUid());
        assertEquals("billing/jobs.py:27", f.location());
        assertEquals("CWE-78", f.vulnerabilities().get(0).cwe());
        assertEquals("Bandit", f.product());
        var many = Parsing.fixture("bandit", "many_findings.json");
        assertEquals(3, many.findings.size());
        assertEquals(2, many.rejections.size(), many.rejections.toString());
        assertTrue(many.rejections.get(0).reason().startsWith("title: "), many.rejections.toString());
        assertEquals(4, many.rejections.get(1).index());
        assertNotEquals(many.findings.get(0).fingerprint(), many.findings.get(1).fingerprint(), "another line");
        assertTrue(many.findings.get(1).vulnerabilities().isEmpty(), "no CWE, no vulnerability details");
    }

    @Test
    void checkov() throws Exception {
        NormalizedFinding f = Parsing.fixture("checkov", "one_finding.json").findings.get(0);
        assertEquals("CKV_AWS_19 Ensure the S3 bucket has server-side-encryption enabled", f.title());
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals(NormalizedFinding.COMPLIANCE, f.classUid());
        assertEquals("AWS::S3::Bucket.ReportsBucket", f.resources().get(0).uid());
        assertEquals("cloudformation-resource", f.resources().get(0).type());
        assertEquals("/templates/storage.yaml:12", f.location());
        var many = Parsing.fixture("checkov", "many_findings.json");
        assertEquals(5, many.findings.size());
        assertEquals(1, many.rejections.size());
        assertEquals(NormalizedFinding.RESOLVED, many.findings.get(0).sourceStatus(), "a passed check");
        assertEquals(Severity.UNKNOWN, many.findings.get(1).severityId(), "no severity without a platform key");
        assertEquals(Severity.CRITICAL, many.findings.get(2).severityId());
        assertEquals("dockerfile-resource", many.findings.get(3).resources().get(0).type(), "the second report's type");
        NormalizedFinding skipped = many.findings.get(4);
        assertEquals(NormalizedFinding.SUPPRESSED, skipped.sourceStatus());
        assertTrue(skipped.description().endsWith("Skipped: health checked by the orchestrator"));
    }

    @Test
    void semgrepCliAndSupplyChain() throws Exception {
        NormalizedFinding f = Parsing.fixture("semgrep", "one_finding.json").findings.get(0);
        assertEquals("direct-response-write: Detected directly writing to a Response object from user-defined input.",
                f.title());
        assertEquals(Severity.MEDIUM, f.severityId());
        assertEquals("CWE-79", f.vulnerabilities().get(0).cwe());
        assertEquals("web/routes/profile.js:31", f.location());
        var many = Parsing.fixture("semgrep", "many_findings.json");
        assertEquals(3, many.findings.size());
        assertEquals(1, many.rejections.size());
        assertEquals("CWE-327", many.findings.get(0).vulnerabilities().get(0).cwe(), "the first of a list");
        assertEquals(NormalizedFinding.SUPPRESSED, many.findings.get(1).sourceStatus(), "ignored in the platform");
        assertEquals(Severity.LOW, many.findings.get(2).severityId());
        assertEquals("Suggested fix: app.run(debug=False)", many.findings.get(2).remediation());
        var ssc = Parsing.parse(Parsing.REGISTRY.byFormat("semgrep").orElseThrow(), """
                {"vulns": [{"title": "ReDoS", "advisory": {"ruleId": "ssc-1", "severity": "MEDIUM",
                  "references": {"cveIds": [], "cweIds": []}},
                  "repositoryName": "acme/api", "matchedDependency": {"name": "re-lib", "versionSpecifier": "2.0.0"},
                  "dependencyFileLocation": {"path": "go.sum", "startLine": "7"}, "triage": {"status": "FIXED"}}]}
                """);
        NormalizedFinding vuln = ssc.findings.get(0);
        assertEquals(NormalizedFinding.RESOLVED, vuln.sourceStatus());
        assertEquals("acme/api", vuln.resources().get(0).uid());
        assertEquals("go.sum:7", vuln.location());
        assertEquals("re-lib", vuln.vulnerabilities().get(0).packageName());
    }
}
