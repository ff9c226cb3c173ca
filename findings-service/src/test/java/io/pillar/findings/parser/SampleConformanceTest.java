package io.pillar.findings.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every third-party sample of a supported format in ../shared/samples (see its EXPECTED.md): the format is detected,
 * and the counts and key fields are those the upstream projects assert, or differ for the reason given.
 */
class SampleConformanceTest {
    private static Path samples;

    @BeforeAll
    static void locate() {
        samples = Parsing.samples();
    }

    private static Path sample(String name) {
        assumeTrue(samples != null, "../shared/samples is not beside this checkout: third-party conformance skipped");
        return samples.resolve(name);
    }

    /**
     * {@code distinct}: the findings Pillar keeps once a report's records with the same fingerprint are merged.
     * Gitleaks reports each secret once per commit that contains it, and the same secret at the same file and line is
     * one finding seen several times (DefectDojo counts each record). Grype's check_all_fields lists one Django match
     * twice, the same package at the same location: one finding (DefectDojo's 5 as well).
     */
    @ParameterizedTest(name = "{0}: {1}, {2} findings")
    @CsvSource({
            "asff/dd_config_many_findings.json, asff, 3, 3",
            "asff/dd_config_one_finding.json, asff, 1, 1",
            "asff/dd_guardduty.json, asff, 4, 4",
            "asff/dd_inspector_ecr.json, asff, 7, 7",
            "asff/dd_asff_one_vuln.json, asff, 1, 1",
            "asff/dd_asff_many_vulns.json, asff, 5, 5",
            "asff/awscli_securityhub_get-findings.json, asff, 1, 1",
            "ocsf/dd_prowler_example_output_aws.ocsf.json, ocsf, 3, 3",
            "ocsf/dd_prowler_example_output_azure.ocsf.json, ocsf, 3, 3",
            "ocsf/dd_aws_prowler_v3plus_many_vuln.ocsf.json, ocsf, 3, 3",
            "prowler_v3_json/dd_aws_prowler_v3plus_one_vuln.json, prowler-v3, 1, 1",
            "sarif/dd_codeQL-output.sarif, sarif, 72, 72",
            "sarif/dd_taint-python-report.sarif, sarif, 11, 11",
            "sarif/dd_dependency_check.sarif, sarif, 13, 13",
            "sarif/dd_gitleaks_7.5.0.sarif, sarif, 8, 4",
            "sarif/dd_appendix_k.sarif, sarif, 1, 1",
            "trivy/dd_trivy_legacy_many_vulns.json, trivy, 93, 93",
            "trivy/dd_trivy_scheme_2_many_vulns.json, trivy, 5, 5",
            "trivy/dd_trivy_misconfigurations_and_secrets.json, trivy, 5, 5",
            "trivy/dd_trivy_kubernetes.json, trivy, 20, 20",
            "trivy_operator/dd_trivy_operator_configauditreport_many.json, trivy, 13, 13",
            "trivy_operator/dd_trivy_operator_vulnerabilityreport_many.json, trivy, 41, 41",
            "guardduty/awscli_guardduty_get-findings.json, guardduty, 1, 1",
            "grype/dd_grype_many_vulns4.json, grype, 9, 9",
            "grype/dd_grype_check_all_fields.json, grype, 6, 5",
            "snyk/dd_snyk_all-projects_many_vulns.json, snyk, 4, 4",
            "snyk/dd_snyk_single_project_one_vuln.json, snyk, 1, 1",
            "zap/dd_zap_some_2.9.0.xml, zap, 7, 7",
            "zap/dd_zap_juicy2.xml, zap, 6, 6",
            "aws_inspector2/dd_aws_inspector2_many_vul.json, inspector2, 8, 8",
            "aws_inspector2/dd_aws_inspector2_one_vul.json, inspector2, 1, 1",
            "bandit/dd_bandit_one_vuln.json, bandit, 1, 1",
            "bandit/dd_bandit_dd.json, bandit, 47, 47",
            "checkov/dd_checkov-report-1-vuln.json, checkov, 1, 1",
            "checkov/dd_checkov-report-severity.json, checkov, 4, 4",
            "semgrep/dd_semgrep_many_findings.json, semgrep, 3, 3",
            "semgrep/dd_semgrep_cwe_list.json, semgrep, 1, 1"})
    void detectsAndCountsLikeUpstream(String file, String format, int count, int distinct) throws Exception {
        Path path = sample(file);
        assertEquals(format, Parsing.detect(path), "detected format of " + file);
        Parsing.Collected out = Parsing.parse(Parsing.REGISTRY.byFormat(format).orElseThrow(), path);
        assertEquals(List.of(), out.rejections, "rejections in " + file);
        assertEquals(count, out.findings.size(), "findings in " + file);
        Set<String> fingerprints = new HashSet<>();
        out.findings.forEach(f -> fingerprints.add(f.fingerprint()));
        assertEquals(distinct, fingerprints.size(), "distinct fingerprints in " + file);
    }

    @Test
    void mappedFormatsSeveritiesAsUpstream() throws Exception {
        assertEquals(List.of("medium", "medium", "low", "high"), severities("checkov/dd_checkov-report-severity.json",
                "checkov"));
        assertEquals(List.of("medium", "medium", "low"),
                severities("semgrep/dd_semgrep_many_findings.json", "semgrep"));
        assertEquals(List.of("low"), severities("semgrep/dd_semgrep_cwe_list.json", "semgrep"));
        assertEquals(List.of("low"), severities("bandit/dd_bandit_one_vuln.json", "bandit"));
    }

    private static List<String> severities(String file, String format) throws Exception {
        return Parsing.parse(Parsing.REGISTRY.byFormat(format).orElseThrow(), sample(file)).findings.stream()
                .map(f -> Severity.label(f.severityId())).toList();
    }

    @Test
    void anEmptyOcsfArrayHasNoFindings() throws Exception {
        Path path = sample("ocsf/dd_aws_prowler_v3plus_no_vuln.ocsf.json");
        assertEquals(0, Parsing.parse(Parsing.REGISTRY.byFormat("ocsf").orElseThrow(), path).findings.size());
    }

    @Test
    void asffConfigFindingIsAPassedInformationalControl() throws Exception {
        NormalizedFinding f = only("asff", "asff/dd_config_one_finding.json");
        assertEquals(Severity.INFORMATIONAL, f.severityId());
        assertEquals(NormalizedFinding.RESOLVED, f.sourceStatus(), "DD: is_mitigated=True, active=False");
        assertTrue(f.uid().startsWith("arn:aws:securityhub:") && f.uid().contains("IAM.5/finding/de861909-"), f.uid());
        assertTrue(f.remediation().contains("IAM.5/remediation"), f.remediation());
        assertEquals(NormalizedFinding.COMPLIANCE, f.classUid());
    }

    @Test
    void asffGuardDutyFindingsKeepTheirTitles() throws Exception {
        List<NormalizedFinding> all = all("asff", "asff/dd_guardduty.json");
        assertEquals(Severity.MEDIUM, all.get(0).severityId());
        assertEquals(Severity.LOW, all.get(3).severityId());
        // DefectDojo appends " - Resource: <id>" to the title; Pillar keeps the title as the source wrote it and
        // lists the resource separately.
        assertEquals("User AssumedRole : 123123123 is anomalously invoking APIs commonly used in Discovery tactics.",
                all.get(3).title());
    }

    @Test
    void asffInspectorFindingCarriesItsVulnerability() throws Exception {
        NormalizedFinding f = all("asff", "asff/dd_inspector_ecr.json").get(0);
        assertEquals(Severity.MEDIUM, f.severityId());
        // DefectDojo appends " - Image: <repository>/<digest>" to the title; Pillar keeps the ASFF Title and lists
        // the image as the finding's resource.
        assertEquals("CVE-2023-2650 - openssl", f.title());
        assertTrue(f.resources().get(0).uid().contains("repo-os/sha256:af965e"), f.resources().get(0).uid());
        assertEquals("CVE-2023-2650", f.vulnerabilities().get(0).cve());
        assertEquals(0.0014, f.vulnerabilities().get(0).epss(), 1e-9);
    }

    @Test
    void prowlerOcsfOutput() throws Exception {
        List<NormalizedFinding> aws = all("ocsf", "ocsf/dd_prowler_example_output_aws.ocsf.json");
        // DefectDojo titles Prowler's findings with the result message; Pillar keeps OCSF's finding_info.title (the
        // check) as title and the message as description.
        assertEquals("IAM Access Analyzer in account <account_uid> is not enabled.", aws.get(0).description());
        assertEquals("Check if IAM Access Analyzer is enabled", aws.get(0).title());
        assertEquals(List.of(Severity.LOW, Severity.MEDIUM, Severity.MEDIUM),
                aws.stream().map(NormalizedFinding::severityId).toList());
        List<NormalizedFinding> azure = all("ocsf", "ocsf/dd_prowler_example_output_azure.ocsf.json");
        assertEquals(List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH),
                azure.stream().map(NormalizedFinding::severityId).toList());
        List<NormalizedFinding> v3plus = all("ocsf", "ocsf/dd_aws_prowler_v3plus_many_vuln.ocsf.json");
        // DefectDojo counts 2: it leaves out the finding Prowler marks Suppressed. Pillar keeps it, as suppressed, so
        // that a suppression made in the tool stays visible and auditable.
        assertEquals(List.of("new", "new", "suppressed"),
                v3plus.stream().map(NormalizedFinding::sourceStatus).toList());
        assertEquals("prowler-aws-iam_role_administratoraccess_policy_permissive_trust_relationship-123456789012-"
                + "us-east-1-myAdministratorExecutionRole", v3plus.get(0).uid());
    }

    @Test
    void prowlerV3Json() throws Exception {
        NormalizedFinding f = only("prowler-v3", "prowler_v3_json/dd_aws_prowler_v3plus_one_vuln.json");
        assertEquals("arn:aws:acm:us-east-1:999999999999:certificate/ffffffff-0000-0000-0000-000000000000",
                f.resources().get(0).uid());
        assertEquals("2023-04-25", f.firstSeen().toString().substring(0, 10));
        assertEquals(Severity.HIGH, f.severityId());
    }

    @Test
    void sarifCodeQlTaintDependencyCheckGitleaksAndTheSpecExample() throws Exception {
        NormalizedFinding codeql = all("sarif", "sarif/dd_codeQL-output.sarif").get(7);
        assertEquals("py/call/wrong-named-argument", codeql.ruleUid());
        assertEquals(Severity.HIGH, codeql.severityId());
        assertTrue(codeql.location().startsWith("good/mod_user.py:33"), codeql.location());

        List<NormalizedFinding> taint = all("sarif", "sarif/dd_taint-python-report.sarif");
        assertEquals("file:///home/damien/dd/dojo/tools/veracode/parser.py", taint.get(0).resources().get(0).uid());
        assertTrue(taint.get(2).location().endsWith(":169"), taint.get(2).location());
        assertEquals(Severity.HIGH, taint.get(6).severityId());

        NormalizedFinding cve = all("sarif", "sarif/dd_dependency_check.sarif").get(6);
        assertEquals("CVE-2019-11358", cve.vulnerabilities().get(0).cve());
        assertEquals(Severity.HIGH, cve.severityId());

        NormalizedFinding leak = all("sarif", "sarif/dd_gitleaks_7.5.0.sarif").get(0);
        assertEquals("AWS Access Key secret detected", leak.title());
        assertTrue(!new String(leak.raw()).contains("AKIAIOSFODNN7EXAMPLE"), "the secret itself is not kept");
        assertEquals(Severity.MEDIUM, leak.severityId());

        NormalizedFinding k = only("sarif", "sarif/dd_appendix_k.sarif");
        assertTrue(k.location().startsWith("collections/list.h:15"), k.location());
        assertEquals(Severity.HIGH, k.severityId());
    }

    @Test
    void trivyLegacySchemaTwoMisconfigurationsSecretsAndKubernetes() throws Exception {
        NormalizedFinding legacy = all("trivy", "trivy/dd_trivy_legacy_many_vulns.json").get(0);
        assertEquals(Severity.LOW, legacy.severityId());
        assertEquals("CVE-2011-3374 apt 1.8.2.2", legacy.title());

        List<NormalizedFinding> v2 = all("trivy", "trivy/dd_trivy_scheme_2_many_vulns.json");
        assertEquals("CVE-2020-15999 freetype 2.9.1-r2", v2.get(0).title());
        assertEquals(Severity.MEDIUM, v2.get(0).severityId());
        assertEquals("CVE-2020-28196", v2.get(1).vulnerabilities().get(0).cve());
        assertEquals(Severity.HIGH, v2.get(1).severityId());

        List<NormalizedFinding> mixed = all("trivy", "trivy/dd_trivy_misconfigurations_and_secrets.json");
        assertTrue(mixed.stream().anyMatch(f -> f.title().equals("DS002 - Image user should not be 'root'")
                && f.severityId() == Severity.HIGH));
        NormalizedFinding secret = mixed.stream().filter(f -> f.title().equals("GitHub Personal Access Token"))
                .findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, secret.severityId());
        assertTrue(!new String(secret.raw()).contains("GITHUB_PAT="), "the matched secret is not kept");

        List<NormalizedFinding> k8s = all("trivy", "trivy/dd_trivy_kubernetes.json");
        assertEquals("CVE-2020-27350", k8s.get(0).ruleUid());
        assertEquals(Severity.MEDIUM, k8s.get(0).severityId());
        assertTrue(k8s.get(0).resources().get(0).uid().endsWith("default/Deployment/redis-follower"));
        assertTrue(k8s.stream().anyMatch(f -> f.ruleUid().equals("KSV001") && f.severityId() == Severity.MEDIUM));
    }

    @Test
    void trivyOperatorReports() throws Exception {
        List<NormalizedFinding> audit = all("trivy", "trivy_operator/dd_trivy_operator_configauditreport_many.json");
        assertEquals(Severity.LOW, audit.get(0).severityId());
        assertEquals("k8s:default/ReplicaSet/nginx-deployment-965685897", audit.get(0).resources().get(0).uid());
        List<NormalizedFinding> vulns = all("trivy", "trivy_operator/dd_trivy_operator_vulnerabilityreport_many.json");
        assertEquals(Severity.CRITICAL, vulns.get(0).severityId());
        assertEquals(Severity.HIGH, vulns.get(1).severityId());
        assertEquals("index.docker.io/library/nginx:alpine", vulns.get(0).location());
    }

    @Test
    void guardDutyNativeFinding() throws Exception {
        NormalizedFinding f = only("guardduty", "guardduty/awscli_guardduty_get-findings.json");
        assertEquals("Recon:IAMUser/UserPermissions", f.ruleUid());
        assertEquals(Severity.MEDIUM, f.severityId());
        assertEquals("arn:aws:iam::111122223333:user/testuser", f.resources().get(0).uid());
    }

    private static NormalizedFinding only(String format, String file) throws Exception {
        List<NormalizedFinding> all = all(format, file);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static List<NormalizedFinding> all(String format, String file) throws Exception {
        Path path = sample(file);
        assertTrue(Files.isRegularFile(path), file);
        return Parsing.parse(Parsing.REGISTRY.byFormat(format).orElseThrow(), path).findings;
    }
}
