package io.pillar.findings.parser.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class SarifParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("sarif", "no_findings.sarif").findings.size());
    }

    @Test
    void aCodeQlResultWithItsRule() throws Exception {
        NormalizedFinding f = Parsing.fixture("sarif", "one_finding.sarif").findings.get(0);
        assertEquals("java/sql-injection", f.ruleUid());
        assertEquals(Severity.HIGH, f.severityId(), "security-severity 8.8");
        assertEquals("Query built from user-controlled sources", f.title());
        assertEquals("This query depends on a user-provided value.", f.description());
        assertEquals("src/main/java/shop/OrderDao.java:42", f.location());
        assertEquals("CodeQL", f.product());
        assertEquals("Use prepared statements.", f.remediation());
    }

    @Test
    void runsResultsBeforeToolsSecretsSuppressionsAndRejections() throws Exception {
        var out = Parsing.fixture("sarif", "many_findings.sarif");
        assertEquals(4, out.findings.size());
        NormalizedFinding early = out.findings.get(0);
        assertEquals("Bandit", early.product(), "results before the tool wait for it");
        assertEquals(Severity.LOW, early.severityId(), "level note");
        NormalizedFinding secret = out.findings.get(1);
        assertEquals(Severity.MEDIUM, secret.severityId(), "no level: warning");
        assertFalse(new String(secret.raw()).contains("AKIAFIXTUREFIXTURE00"), "the secret is never kept");
        assertEquals(NormalizedFinding.SUPPRESSED, out.findings.get(2).sourceStatus());
        assertNotEquals(secret.fingerprint(), out.findings.get(2).fingerprint());
        assertEquals("no rule at all", out.findings.get(3).ruleUid(), "without a rule, the message stands for it");
        assertEquals(1, out.rejections.size());
        assertTrue(out.rejections.get(0).reason().contains("message"));
    }

    @Test
    void repeatedLinesWithTheSamePartialFingerprintStayDistinctFindings() throws Exception {
        var findings = Parsing.fixture("sarif", "repeated_lines.sarif").findings;
        assertEquals(3, findings.size());
        assertNotEquals(findings.get(0).fingerprint(), findings.get(1).fingerprint(), "line 10 and line 20");
        assertEquals(findings.get(0).fingerprint(), findings.get(2).fingerprint(), "the same result twice");
    }

    @Test
    void anotherSarifVersionIsRefused() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new SarifParser(), "{\"version\": \"1.0.0\", \"runs\": []}"));
        assertTrue(e.getMessage().contains("2.1.0"));
    }

    @Test
    void oneLogPerReport() throws Exception {
        String log = java.nio.file.Files.readString(Parsing.fixturePath("sarif", "one_finding.sarif"));
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(Parsing.REGISTRY.byFormat("sarif").orElseThrow(), log + log));
        assertTrue(e.getMessage().contains("expected the end of the report after the SARIF log"), e.getMessage());
    }
}
