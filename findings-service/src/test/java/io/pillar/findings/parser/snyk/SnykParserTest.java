package io.pillar.findings.parser.snyk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class SnykParserTest {

    @Test
    void noFindings() throws Exception {
        var out = Parsing.fixture("snyk", "no_findings.json");
        assertEquals(0, out.findings.size());
        assertEquals(0, out.rejections.size());
    }

    @Test
    void anOpenSourceVulnerabilityWithItsUpgrade() throws Exception {
        NormalizedFinding f = Parsing.fixture("snyk", "one_finding.json").findings.get(0);
        assertEquals("Prototype Pollution in example-parser@1.2.0", f.title());
        assertEquals(Severity.HIGH, f.severityId());
        assertEquals("SNYK-JS-EXAMPLEPARSER-7000001", f.ruleUid());
        assertEquals("checkout-web", f.resources().get(0).uid(), "the project is written after the vulnerabilities");
        assertEquals("package-lock.json", f.location());
        NormalizedFinding.Vulnerability v = f.vulnerabilities().get(0);
        assertEquals("CVE-2026-3001", v.cve());
        assertEquals("CWE-1321", v.cwe());
        assertEquals(7.5, v.cvssScore());
        assertEquals(0.00412, v.epss());
        assertEquals("1.2.5", v.fixedVersion());
        assertEquals("Upgrade to form-kit@2.0.4", f.remediation(), "the direct dependency's upgrade");
        assertTrue(f.description().startsWith("Introduced through checkout-web@3.1.0 > form-kit@2.0.1"));
    }

    @Test
    void containerAndOpenSourceProjectsWithIgnoredVulnerabilities() throws Exception {
        var out = Parsing.fixture("snyk", "many_findings.json");
        assertEquals(4, out.findings.size());
        assertEquals(1, out.rejections.size());
        assertTrue(out.rejections.get(0).reason().contains("title"));
        NormalizedFinding container = out.findings.get(0);
        assertEquals("registry.example.com/shop/api:1.0", container.resources().get(0).uid());
        assertEquals("container-image", container.resources().get(0).type());
        assertEquals("Upgrade openssl/libssl3 to 3.0.15-1~deb12u1", container.remediation());
        assertEquals(Severity.CRITICAL, out.findings.get(1).severityId());
        NormalizedFinding ignored = out.findings.get(3);
        assertEquals("SNYK-PYTHON-YAMLITE-8000004", ignored.ruleUid());
        assertEquals(NormalizedFinding.SUPPRESSED, ignored.sourceStatus());
        assertEquals("billing", ignored.resources().get(0).uid());
    }

    @Test
    void aContainersApplicationsAreProjectsOfTheirOwn() throws Exception {
        var out = Parsing.parse(new SnykParser(),
                """
                        {"vulnerabilities": [{"id": "SNYK-DEBIAN12-GLIBC-1", "title": "Overflow", "severity": "high",
                           "packageName": "glibc/libc6", "version": "2.36", "from": ["docker-image|shop@1", "glibc/libc6@2.36"]}],
                         "packageManager": "deb", "docker": {}, "path": "shop:1", "projectName": "docker-image|shop",
                         "applications": [{"vulnerabilities": [{"id": "SNYK-JS-LODASH-1", "title": "Prototype Pollution",
                           "severity": "medium", "packageName": "lodash", "version": "4.17.0", "from": ["app@1", "lodash@4.17.0"]}],
                           "packageManager": "npm", "projectName": "shop-web", "targetFile": "/app/package.json",
                           "displayTargetFile": "/app/package.json"}]}
                        """);
        assertEquals(2, out.findings.size(), out.rejections.toString());
        assertEquals("shop:1", out.findings.get(0).resources().get(0).uid());
        assertEquals("shop-web", out.findings.get(1).resources().get(0).uid());
        assertEquals("/app/package.json", out.findings.get(1).location());
        assertEquals(NormalizedFinding.NEW, out.findings.get(1).sourceStatus());
    }

    @Test
    void aNewVersionOnTheDependencyPathIsTheSameFinding() throws Exception {
        String a = fingerprint("form-kit@2.0.1", "p");
        assertEquals(a, fingerprint("form-kit@2.0.2", "p"));
        assertNotEquals(a, fingerprint("other-kit@1.0.0", "p"));
        assertNotEquals(a, fingerprint("form-kit@2.0.1", "q"));
    }

    @Test
    void somethingElseIsNotASnykReport() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new SnykParser(), "[1, {\"ok\": true}]"));
        assertTrue(e.getMessage().contains("vulnerabilities"), e.getMessage());
    }

    private static String fingerprint(String step, String project) throws Exception {
        return Parsing.parse(new SnykParser(), """
                {"vulnerabilities": [{"id": "SNYK-1", "title": "t", "severity": "low", "packageName": "x",
                  "version": "1", "from": ["app@1", "%s", "x@1"]}], "projectName": "%s"}
                """.formatted(step, project)).findings.get(0).fingerprint();
    }
}
