package io.pillar.findings.parser.inspector2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class Inspector2ParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("inspector2", "no_findings.json").findings.size());
    }

    @Test
    void aPackageVulnerabilityOnAnInstance() throws Exception {
        NormalizedFinding f = Parsing.fixture("inspector2", "one_finding.json").findings.get(0);
        assertEquals("CVE-2026-5001 - libexample", f.title());
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals(NormalizedFinding.NEW, f.sourceStatus());
        assertEquals("arn:aws:inspector2:eu-west-1:111122223333:finding/0a1b2c3d4e5f", f.uid());
        NormalizedFinding.Resource r = f.resources().get(0);
        assertEquals("i-0123456789abcdef0", r.uid());
        assertEquals("AwsEc2Instance", r.type());
        assertEquals("111122223333", r.account());
        assertEquals("eu-west-1", r.region());
        NormalizedFinding.Vulnerability v = f.vulnerabilities().get(0);
        assertEquals("CVE-2026-5001", v.cve());
        assertEquals(8.8, v.cvssScore());
        assertEquals(0.0312, v.epss());
        assertEquals("2.1-3.amzn2023", v.installedVersion());
        assertEquals("0:2.1-4.amzn2023", v.fixedVersion());
        assertEquals("Upgrade libexample to 0:2.1-4.amzn2023 (dnf update libexample)", f.remediation());
        assertEquals(Instant.parse("2026-11-02T08:00:00Z"), f.firstSeen());
    }

    @Test
    void networkReachabilityCodeClosedSuppressedAndRejected() throws Exception {
        var out = Parsing.fixture("inspector2", "many_findings.json");
        assertEquals(4, out.findings.size());
        assertEquals(1, out.rejections.size());
        assertTrue(out.rejections.get(0).reason().contains("resources"));
        NormalizedFinding network = out.findings.get(0);
        assertEquals(NormalizedFinding.COMPLIANCE, network.classUid());
        assertEquals("network-reachability", network.ruleUid());
        assertEquals("Restrict access to port 22 in the security group.", network.remediation());
        NormalizedFinding code = out.findings.get(1);
        assertEquals("src/handler.py:41", code.location());
        assertEquals("CWE-89", code.vulnerabilities().get(0).cwe());
        assertEquals("python/sql-injection@v1.0", code.ruleUid());
        assertEquals("orders", code.resources().get(0).name());
        NormalizedFinding closed = out.findings.get(2);
        assertEquals(NormalizedFinding.RESOLVED, closed.sourceStatus());
        assertEquals(Severity.MEDIUM, closed.severityId(), "UNTRIAGED from its score");
        assertEquals(NormalizedFinding.SUPPRESSED, out.findings.get(3).sourceStatus());
    }

    @Test
    void anEventBridgeEventCarriesOneFinding() throws Exception {
        var out = Parsing.parse(new Inspector2Parser(), """
                {"version": "0", "detail-type": "Inspector2 Finding", "source": "aws.inspector2",
                 "detail": {"awsAccountId": "1", "findingArn": "arn:aws:inspector2:eu-west-1:1:finding/x",
                   "resources": [{"id": "i-1", "type": "AWS_EC2_INSTANCE"}], "severity": "LOW", "status": "ACTIVE",
                   "title": "t", "type": "PACKAGE_VULNERABILITY"}}
                """);
        assertEquals(1, out.findings.size());
        assertEquals(Severity.LOW, out.findings.get(0).severityId());
    }
}
