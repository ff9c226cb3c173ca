package io.pillar.findings.parser.pillar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class PillarParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("pillar", "no_findings.json").findings.size());
    }

    @Test
    void oneFinding() throws Exception {
        NormalizedFinding f = Parsing.fixture("pillar", "one_finding.json").findings.get(0);
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals("s3-public-read", f.ruleUid());
        assertEquals("arn:aws:s3:::shop-exports", f.resources().get(0).uid());
    }

    @Test
    void aResolutionAVulnerabilityAndARejection() throws Exception {
        var out = Parsing.fixture("pillar", "many_findings.json");
        assertEquals(2, out.findings.size());
        NormalizedFinding image = out.findings.get(1);
        assertEquals(NormalizedFinding.RESOLVED, image.sourceStatus());
        assertEquals(NormalizedFinding.VULNERABILITY, image.classUid());
        assertEquals("CVE-2024-3094", image.vulnerabilities().get(0).cve());
        assertTrue(out.rejections.get(0).reason().contains("urgent"));
    }

    @Test
    void aCloudEventOfAnotherTypeIsRejected() throws Exception {
        var out = Parsing.parse(new PillarParser(), "{\"specversion\": \"1.0\", \"type\": \"io.pillar.other\", "
                + "\"data\": {}}");
        assertTrue(out.rejections.get(0).reason().contains("io.pillar.finding.reported"));
    }
}
