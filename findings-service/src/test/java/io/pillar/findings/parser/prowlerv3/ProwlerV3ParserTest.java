package io.pillar.findings.parser.prowlerv3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class ProwlerV3ParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("prowler-v3", "no_findings.json").findings.size());
    }

    @Test
    void aFailedCheck() throws Exception {
        NormalizedFinding f = Parsing.fixture("prowler-v3", "one_finding.json").findings.get(0);
        assertEquals(Severity.CRITICAL, f.severityId());
        assertEquals("iam_root_mfa_enabled", f.ruleUid());
        assertEquals("MFA is not enabled for root account.", f.description());
        assertEquals("arn:aws:iam::111122223333:root", f.resources().get(0).uid());
        assertEquals(List.of("CIS-2.0 1.5"), f.compliance());
        assertEquals("2026-11-02T08:00:00.123456Z", f.firstSeen().toString());
    }

    @Test
    void passedManualAndRejected() throws Exception {
        var out = Parsing.fixture("prowler-v3", "many_findings.json");
        assertEquals(2, out.findings.size());
        assertEquals(NormalizedFinding.RESOLVED, out.findings.get(0).sourceStatus());
        assertEquals(Severity.INFORMATIONAL, out.findings.get(1).severityId());
        assertEquals("aws:1:us-east-1", out.findings.get(1).resources().get(0).uid());
        assertTrue(out.rejections.get(0).reason().contains("CheckID"));
    }
}
