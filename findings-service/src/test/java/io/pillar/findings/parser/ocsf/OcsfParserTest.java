package io.pillar.findings.parser.ocsf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class OcsfParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("ocsf", "no_findings.json").findings.size());
    }

    @Test
    void aSingleVulnerabilityFinding() throws Exception {
        NormalizedFinding f = Parsing.fixture("ocsf", "one_finding.json").findings.get(0);
        assertEquals(NormalizedFinding.VULNERABILITY, f.classUid());
        assertEquals(Severity.CRITICAL, f.severityId());
        assertEquals("Log4Shell in log4j-core", f.title());
        assertEquals("sha256:feedface", f.resources().get(0).uid());
        NormalizedFinding.Vulnerability v = f.vulnerabilities().get(0);
        assertEquals("CVE-2021-44228", v.cve());
        assertEquals("CWE-502", v.cwe());
        assertEquals(0.97, v.epss());
        assertEquals("2.17.1", v.fixedVersion());
        assertEquals("Vulnerability", f.ruleUid(), "no event_code or analytic: the first finding type");
        assertEquals(1764300000000L, f.firstSeen().toEpochMilli());
    }

    @Test
    void statusComplianceAnalyticsAndRejections() throws Exception {
        var out = Parsing.fixture("ocsf", "many_findings.json");
        assertEquals(2, out.findings.size());
        NormalizedFinding prowler = out.findings.get(0);
        assertEquals(NormalizedFinding.RESOLVED, prowler.sourceStatus());
        assertEquals("s3_bucket_default_encryption", prowler.ruleUid());
        assertEquals(List.of("S3.4", "CIS-2.0 2.1.1"), prowler.compliance());
        assertEquals("111122223333", prowler.resources().get(0).account());
        assertEquals("eu-west-1", prowler.resources().get(0).region());
        NormalizedFinding falco = out.findings.get(1);
        assertEquals(NormalizedFinding.SUPPRESSED, falco.sourceStatus());
        assertEquals("terminal_shell", falco.ruleUid());
        assertEquals("pod/payments-7d9", falco.resources().get(0).uid(), "a resource without uid is known by name");
        assertEquals(2, out.rejections.size());
        assertEquals(2, out.rejections.get(0).index());
        assertTrue(out.rejections.get(0).reason().contains("class_uid"));
        assertTrue(out.rejections.get(1).reason().contains("resources"));
    }

    @Test
    void jsonLinesOfFindings() throws Exception {
        String line = "{\"class_uid\": 2004, \"severity_id\": %d, \"status_id\": 1, \"metadata\": {\"product\": "
                + "{\"name\": \"Detector\"}}, \"finding_info\": {\"uid\": \"d-%d\", \"title\": \"Detection %d\"}, "
                + "\"resources\": [{\"uid\": \"host-%d\"}]}";
        var out = Parsing.parse(Parsing.REGISTRY.byFormat("ocsf").orElseThrow(),
                line.formatted(4, 1, 1, 1) + "\n" + line.formatted(2, 2, 2, 2) + "\n\n" + line.formatted(5, 3, 3, 3)
                        + "\n");
        assertEquals(List.of("d-1", "d-2", "d-3"), out.findings.stream().map(NormalizedFinding::uid).toList());
        assertEquals(List.of(Severity.HIGH, Severity.LOW, Severity.CRITICAL),
                out.findings.stream().map(NormalizedFinding::severityId).toList());
    }
}
