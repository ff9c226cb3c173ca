package io.pillar.findings.parser.asff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class AsffParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("asff", "no_findings.json").findings.size());
    }

    @Test
    void aFailedSecurityHubControl() throws Exception {
        NormalizedFinding f = Parsing.fixture("asff", "one_finding.json").findings.get(0);
        assertEquals(NormalizedFinding.COMPLIANCE, f.classUid());
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals(NormalizedFinding.NEW, f.sourceStatus());
        assertEquals("S3.8", f.ruleUid());
        assertEquals("Security Hub", f.product());
        assertEquals(List.of("S3.8", "CIS AWS Foundations Benchmark v1.4.0/2.1.5"), f.compliance());
        assertEquals("arn:aws:s3:::payments-exports", f.resources().get(0).uid());
        assertEquals("111122223333", f.resources().get(0).account());
        assertTrue(f.remediation().startsWith("Enable Block Public Access https://"));
        assertEquals("2026-10-01T10:00:00Z", f.firstSeen().toString());
    }

    @Test
    void vulnerabilitiesNormalizedSeverityWorkflowAndRejections() throws Exception {
        var out = Parsing.fixture("asff", "many_findings.json");
        assertEquals(2, out.findings.size());
        NormalizedFinding inspector = out.findings.get(0);
        assertEquals(NormalizedFinding.VULNERABILITY, inspector.classUid());
        assertEquals(Severity.CRITICAL, inspector.severityId(), "Normalized 95");
        assertEquals("CVE-2024-3094", inspector.ruleUid());
        NormalizedFinding.Vulnerability v = inspector.vulnerabilities().get(0);
        assertEquals("CWE-506", v.cwe());
        assertEquals(10.0, v.cvssScore());
        assertEquals("5.6.1", v.fixedVersion());
        assertEquals(0.85, v.epss());
        NormalizedFinding guardDuty = out.findings.get(1);
        assertEquals(NormalizedFinding.RESOLVED, guardDuty.sourceStatus());
        assertEquals(NormalizedFinding.DETECTION, guardDuty.classUid());
        assertEquals("TTPs/Discovery/Recon:IAMUser-UserPermissions", guardDuty.ruleUid());
        assertEquals(1, out.rejections.size());
        assertEquals(2, out.rejections.get(0).index());
        assertTrue(out.rejections.get(0).reason().contains("Resources"));
    }
}
