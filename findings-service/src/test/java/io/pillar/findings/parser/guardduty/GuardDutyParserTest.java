package io.pillar.findings.parser.guardduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class GuardDutyParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("guardduty", "no_findings.json").findings.size());
    }

    @Test
    void anInstanceUnderAttack() throws Exception {
        NormalizedFinding f = Parsing.fixture("guardduty", "one_finding.json").findings.get(0);
        assertEquals(Severity.CRITICAL, f.severityId(), "9.2");
        assertEquals("UnauthorizedAccess:EC2/SSHBruteForce", f.ruleUid());
        assertEquals("arn:aws:ec2:eu-west-1:111122223333:instance/i-0def", f.resources().get(0).uid());
        assertEquals("2026-11-01T09:00:00Z", f.firstSeen().toString());
    }

    @Test
    void archivedBucketFindingAndARejection() throws Exception {
        var out = Parsing.fixture("guardduty", "many_findings.json");
        assertEquals(1, out.findings.size());
        assertEquals(NormalizedFinding.RESOLVED, out.findings.get(0).sourceStatus());
        assertEquals(Severity.LOW, out.findings.get(0).severityId());
        assertEquals("arn:aws:s3:::media", out.findings.get(0).resources().get(0).uid());
        assertTrue(out.rejections.get(0).reason().contains("Severity"));
    }

    @Test
    void eventBridgeEventsWithCamelCaseFindings() throws Exception {
        var out = Parsing.fixture("guardduty", "eventbridge_events.json");
        assertEquals(2, out.findings.size(), out.rejections.toString());
        NormalizedFinding recon = out.findings.get(0);
        assertEquals("arn:aws:guardduty:eu-central-1:444455556666:detector/d1/finding/e7f8", recon.uid());
        assertEquals("Recon:IAMUser/MaliciousIPCaller", recon.ruleUid());
        assertEquals(Severity.MEDIUM, recon.severityId(), "5.0");
        assertEquals("arn:aws:iam::444455556666:user/ops-bot", recon.resources().get(0).uid());
        assertEquals("2026-11-20T07:55:00Z", recon.firstSeen().toString());
        assertTrue(new String(recon.raw(), java.nio.charset.StandardCharsets.UTF_8).contains("\"accessKeyDetails\""),
                "the raw record is kept as received");
        NormalizedFinding bitcoin = out.findings.get(1);
        assertEquals(NormalizedFinding.RESOLVED, bitcoin.sourceStatus(), "archived");
        assertEquals("arn:aws:ec2:eu-central-1:444455556666:instance/i-0abc", bitcoin.resources().get(0).uid());
    }
}
