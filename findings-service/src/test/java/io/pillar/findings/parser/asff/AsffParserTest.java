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

    @Test
    void aSecurityHubEventFromEventBridge() throws Exception {
        var out = Parsing.fixture("asff", "eventbridge_event.json");
        assertEquals(List.of("EC2.19", "IAM.6"), out.findings.stream().map(NormalizedFinding::ruleUid).toList());
        assertEquals(Severity.CRITICAL, out.findings.get(0).severityId());
        assertEquals("arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0f1e",
                out.findings.get(0).resources().get(0).uid());
        assertEquals(1, out.rejections.size(), "the string in the event's findings");
        assertTrue(out.rejections.get(0).reason().contains("expected a JSON object"), out.rejections.toString());
    }

    @Test
    void eventsConcatenatedAsFirehoseDeliversThem() throws Exception {
        String event = java.nio.file.Files.readString(Parsing.fixturePath("asff", "eventbridge_event.json"))
                .replace("\n", "");
        var out = Parsing.parse(Parsing.REGISTRY.byFormat("asff").orElseThrow(), event + event);
        assertEquals(4, out.findings.size());
        assertEquals(List.of(0L, 1L), out.rejections.stream().map(r -> r.index()).toList(),
                "each event's index names it");
    }
}
