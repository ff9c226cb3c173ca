package io.pillar.findings.parser.trivy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class TrivyParserTest {

    @Test
    void noFindings() throws Exception {
        assertEquals(0, Parsing.fixture("trivy", "no_findings.json").findings.size());
    }

    @Test
    void aLegacyReportVulnerability() throws Exception {
        NormalizedFinding f = Parsing.fixture("trivy", "one_finding.json").findings.get(0);
        assertEquals("CVE-2024-2961 libc6 2.36-9", f.title());
        assertEquals(Severity.CRITICAL, f.severityId());
        assertEquals("debian (debian 12.5)", f.resources().get(0).uid(), "legacy reports have only targets");
        assertEquals("Upgrade libc6 to 2.36-9+deb12u7", f.remediation());
    }

    @Test
    void vulnerabilitiesMisconfigurationsAndSecrets() throws Exception {
        var out = Parsing.fixture("trivy", "many_findings.json");
        assertEquals(5, out.findings.size());
        NormalizedFinding first = out.findings.get(0);
        assertEquals("registry.example.org/shop/api:1.4.2", first.resources().get(0).uid());
        assertEquals(7.5, first.vulnerabilities().get(0).cvssScore());
        assertEquals("CWE-325", first.vulnerabilities().get(0).cwe());
        assertNull(out.findings.get(2).vulnerabilities().get(0).cve(), "a GHSA id is not a CVE");
        NormalizedFinding misconfiguration = out.findings.get(3);
        assertEquals(NormalizedFinding.COMPLIANCE, misconfiguration.classUid());
        assertEquals("DS002", misconfiguration.ruleUid());
        NormalizedFinding secret = out.findings.get(4);
        assertEquals("config/settings.env:3", secret.location());
        assertFalse(new String(secret.raw()).contains("AKIAZZZZTESTFIXTURE01"), "the secret is never kept");
    }

    @Test
    void theSameLicenseInTwoFilesIsTwoFindings() throws Exception {
        var findings = Parsing.fixture("trivy", "repeated_licenses.json").findings;
        assertEquals(3, findings.size());
        assertNotEquals(findings.get(0).fingerprint(), findings.get(1).fingerprint(), "vendor/a and vendor/b");
        assertEquals(findings.get(0).fingerprint(), findings.get(2).fingerprint(), "the same entry twice");
    }

    @Test
    void somethingElseIsNotATrivyReport() {
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new TrivyParser(), "{\"hello\": 1}"));
        assertTrue(e.getMessage().contains("ArtifactName"));
    }

    @Test
    void trivyOperatorReportsAsAKubernetesList() throws Exception {
        var out = Parsing.fixture("trivy", "operator_reports.json");
        assertEquals(5, out.findings.size(), out.rejections.toString());
        NormalizedFinding openssl = out.findings.get(0);
        assertEquals("k8s:shop/ReplicaSet/shop-api-7d9f", openssl.resources().get(0).uid());
        assertEquals(Severity.HIGH, openssl.severityId());
        assertEquals("CVE-2024-0001 openssl 3.1.4-r0", openssl.title());
        assertEquals("CVE-2024-0001", openssl.vulnerabilities().get(0).cve());
        assertEquals(7.5, openssl.vulnerabilities().get(0).cvssScore());
        assertEquals("3.1.4-r5", openssl.vulnerabilities().get(0).fixedVersion());
        assertEquals("ghcr.io/acme/shop-api:1.4.2", openssl.location());
        assertTrue(new String(openssl.raw(), java.nio.charset.StandardCharsets.UTF_8).contains("\"vulnerabilityID\""),
                "kept as the operator wrote it");
        assertNull(out.findings.get(1).vulnerabilities().get(0).cve(), "a GHSA id is not a CVE");

        NormalizedFinding root = out.findings.get(2);
        assertEquals(NormalizedFinding.COMPLIANCE, root.classUid());
        assertEquals("KSV012 - Runs as root user", root.title());
        assertEquals(NormalizedFinding.NEW, root.sourceStatus());
        assertTrue(root.description().contains("runAsNonRoot"), root.description());
        assertEquals(NormalizedFinding.RESOLVED, out.findings.get(3).sourceStatus(), "a passed check");

        NormalizedFinding secret = out.findings.get(4);
        assertEquals("GitHub Personal Access Token", secret.title());
        assertEquals(Severity.CRITICAL, secret.severityId());
        assertFalse(new String(secret.raw(), java.nio.charset.StandardCharsets.UTF_8).contains("token:"),
                "the secret is never kept");
    }
}
