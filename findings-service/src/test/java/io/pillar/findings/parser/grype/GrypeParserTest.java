package io.pillar.findings.parser.grype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class GrypeParserTest {

    @Test
    void noFindings() throws Exception {
        var out = Parsing.fixture("grype", "no_findings.json");
        assertEquals(0, out.findings.size());
        assertEquals(0, out.rejections.size());
    }

    @Test
    void aMatchInAnImageWrittenBeforeTheImage() throws Exception {
        NormalizedFinding f = Parsing.fixture("grype", "one_finding.json").findings.get(0);
        assertEquals("GHSA-aaaa-bbbb-cccc example-lib 2.3.0", f.title());
        assertEquals(NormalizedFinding.VULNERABILITY, f.classUid());
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals("registry.example.com/payments/api:1.4.2", f.resources().get(0).uid(),
                "the source comes after the matches and is still the resource");
        assertEquals("container-image", f.resources().get(0).type());
        NormalizedFinding.Vulnerability v = f.vulnerabilities().get(0);
        assertEquals("CVE-2026-1111", v.cve(), "the CVE of the related record");
        assertEquals("CWE-502", v.cwe());
        assertEquals(8.1, v.cvssScore());
        assertEquals(0.0213, v.epss());
        assertEquals("2.4.1", v.fixedVersion());
        assertEquals("Upgrade example-lib to 2.4.1", f.remediation());
        assertEquals("/app/lib/example-lib-2.3.0.jar", f.location());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), f.firstSeen());
    }

    @Test
    void severitiesFixStatesIgnoredMatchesAndRejections() throws Exception {
        var out = Parsing.fixture("grype", "many_findings.json");
        assertEquals(4, out.findings.size());
        assertEquals(2, out.rejections.size(), out.rejections.toString());
        assertTrue(out.rejections.get(0).reason().contains("artifact.name"), out.rejections.toString());
        assertEquals(4, out.rejections.get(1).index());
        NormalizedFinding critical = out.findings.get(0);
        assertEquals(Severity.CRITICAL, critical.severityId());
        assertEquals(9.8, critical.vulnerabilities().get(0).cvssScore(), "NVD's score from the related record");
        assertEquals("Buffer overflow in libexample", critical.description());
        assertEquals(Severity.INFORMATIONAL, out.findings.get(1).severityId(), "Negligible");
        assertNull(out.findings.get(1).remediation(), "not fixed");
        NormalizedFinding unknown = out.findings.get(2);
        assertEquals(Severity.MEDIUM, unknown.severityId(), "Unknown falls back to the CVSS score");
        assertTrue(unknown.remediation().contains("will not fix"));
        NormalizedFinding ignored = out.findings.get(3);
        assertEquals("CVE-2026-2005", ignored.ruleUid());
        assertEquals(NormalizedFinding.SUPPRESSED, ignored.sourceStatus());
    }

    @Test
    void theFingerprintFollowsThePackageNotItsVersion() throws Exception {
        String a = Parsing.parse(new GrypeParser(), report("1.0.0", "img:1")).findings.get(0).fingerprint();
        String b = Parsing.parse(new GrypeParser(), report("1.0.1", "img:1")).findings.get(0).fingerprint();
        String c = Parsing.parse(new GrypeParser(), report("1.0.0", "img:2")).findings.get(0).fingerprint();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void somethingElseIsNotAGrypeReport() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new GrypeParser(), "{\"hello\": 1}"));
        assertTrue(e.getMessage().contains("matches"), e.getMessage());
        MalformedReportException broken = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new GrypeParser(), "{\"matches\": [{\"vulnerability\": "));
        assertTrue(broken.line() > 0);
    }

    private static String report(String version, String image) {
        return """
                {"matches": [{"vulnerability": {"id": "CVE-2026-1", "severity": "Low"},
                  "artifact": {"name": "pkg", "version": "%s", "type": "npm", "locations": [{"path": "package-lock.json"}]}}],
                 "source": {"type": "image", "target": {"userInput": "%s"}}}
                """
                .formatted(version, image);
    }
}
