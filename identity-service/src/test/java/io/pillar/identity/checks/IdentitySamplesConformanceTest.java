package io.pillar.identity.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pillar.identity.aws.AwsAccount;
import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.accessanalyzer.AccessAnalyzerParser;
import io.pillar.identity.parser.authz.AuthorizationDetailsParser;
import io.pillar.identity.parser.credentials.CredentialReportParser;
import io.pillar.identity.parser.keycloak.KeycloakRealmParser;
import io.pillar.identity.policy.PolicyDocument;
import io.pillar.platform.json.Json;

/** The real exports, policies and catalogue of ../shared/samples, with what their upstream projects assert. */
class IdentitySamplesConformanceTest {
    private static final Path SAMPLES = Path.of("../../shared/samples");
    private static final IdentityChecks CHECKS = new IdentityChecks(Optional.empty(), Optional.empty(),
            List.of("admin"));

    private static Path sample(String path) {
        Path p = SAMPLES.resolve(path);
        assumeTrue(Files.exists(p), "skipped: " + p + " is not here (the shared samples sit beside the checkout)");
        return p;
    }

    private static IdentityReport authz(String file) throws Exception {
        return new AuthorizationDetailsParser().parse(new IdentityInput(Files.readAllBytes(
                sample("iam_authz_details/" + file))));
    }

    @Test
    void cloudsplainingsExampleExport() throws Exception {
        IdentityReport r = authz("cloudsplaining_example-authz-details.json");
        Map<String, AwsPrincipal> users = r.principals().stream().filter(p -> p.kind().equals("user"))
                .collect(Collectors.toMap(AwsPrincipal::name, p -> p));
        AwsPrincipal biden = users.get("biden");
        assertEquals(List.of("biden"), biden.groups());
        assertEquals("InsecureUserPolicy", biden.inlinePolicies().get(0).name());
        assertEquals(List.of("arn:aws:iam::aws:policy/AWSLambdaFullAccess"), biden.managedPolicies());
        assertTrue(r.policies().stream().anyMatch(p -> p.name().equals("NotYourPolicy")));
        assertTrue(r.policies().stream().anyMatch(p -> p.name().equals("InsecurePolicy")));
        assertEquals(32, r.policies().size());

        AccountModel model = CHECKS.model(IdentityChecksTest.account(r));
        // s3:GetObject is among biden's actions, through his group's inline policy
        assertTrue(model.permissions(biden.arn()).decide("s3:GetObject", null).allowedBy().stream()
                .anyMatch(g -> "group biden".equals(g.source().via())));
        // the AWS managed policy's document is in this export, so nothing of biden's is unknown
        assertEquals(List.of(), model.unknownPolicies(biden.arn()));
    }

    @Test
    void aManagedPolicyMissingFromTheExportIsReported() throws Exception {
        IdentityReport r = authz("cloudsplaining_managed_policy_mismatch.json");
        AwsPrincipal group = r.principals().get(0);
        AccountModel model = CHECKS.model(IdentityChecksTest.account(r));
        assertEquals(List.of("arn:aws:iam::aws:policy/AWSLambdaReadOnlyAccess"), model.unknownPolicies(group.arn()));
    }

    @Test
    void awsCliExportPage() throws Exception {
        IdentityReport r = authz("awscli_iam_get-account-authorization-details.json");
        assertEquals("123456789012", r.account());
        assertEquals("iam-page", r.part());
        Map<String, Violation> found = CHECKS.run(IdentityChecksTest.account(r), Instant.now()).stream()
                .collect(Collectors.toMap(v -> v.check() + " " + v.resource(), v -> v));
        assertTrue(found.containsKey("iam-full-admin arn:aws:iam::123456789012:user/Alice"));
        // Bob is in Admins but denied iam:*: no administrator, yet escalation through existing resources
        assertTrue(!found.containsKey("iam-full-admin arn:aws:iam::123456789012:user/Bob"));
        assertEquals("medium", found.get("privilege-escalation/lambda-003 arn:aws:iam::123456789012:user/Bob")
                .severity());
    }

    @Test
    void cloudsplainingsPolicyFileCategories() throws Exception {
        PolicyDocument doc = PolicyDocument.parse(Json.MAPPER.readTree(Files.readAllBytes(
                sample("iam_policies/cloudsplaining_test_policy_file.json"))));
        List<Violation> out = new java.util.ArrayList<>();
        new PolicyChecks(CHECKS.risks()).check("policy", "iam_policy", doc, out);
        Map<String, String> byCheck = out.stream().collect(Collectors.toMap(Violation::check, Violation::detail));
        assertEquals("on every resource: ecr:GetAuthorizationToken", byCheck.get("iam-policy-credentials-exposure"));
        assertEquals("on every resource: ecr:CompleteLayerUpload, ecr:InitiateLayerUpload, ecr:PutImage, "
                + "ecr:UploadLayerPart", byCheck.get("iam-policy-infrastructure-modification"));
        assertTrue(!byCheck.containsKey("iam-policy-data-exfiltration"));
    }

    @Test
    void credentialReport() throws Exception {
        IdentityReport r = new CredentialReportParser().parse(new IdentityInput(Files.readAllBytes(
                sample("iam_credential_report/cloudmapper_demo_credential-report_decoded.csv"))));
        assertEquals("123456789012", r.account());
        assertTrue(r.principals().stream().anyMatch(p -> p.kind().equals("root") && p.credentials().mfaActive()));
        assertTrue(r.rejected().isEmpty(), r.rejected().toString());
    }

    @Test
    void accessAnalyzerFindings() throws Exception {
        IdentityInput input = new IdentityInput(Files.readAllBytes(
                sample("iam_access_analyzer/awscli_accessanalyzer_list-findings.json")));
        assertTrue(new AccessAnalyzerParser().detects(input));
        IdentityReport r = new AccessAnalyzerParser().parse(input);
        assertEquals("111122223333", r.account());
        assertEquals(2, r.externalAccess().size());
        List<Violation> found = CHECKS.run(new AwsAccount(r.account(), Map.of(), Map.of(), r.externalAccess()),
                Instant.now());
        assertEquals(2, found.size());
        // a Cognito identity pool's roles, reachable by web identities under an audience condition
        assertTrue(found.stream().allMatch(v -> v.severity().equals("medium")
                && v.detail().startsWith(
                        "Federated cognito-identity.amazonaws.com may sts:AssumeRoleWithWebIdentity when")));
    }

    @Test
    void keycloakQuickstartRealms() throws Exception {
        IdentityInput input = new IdentityInput(Files.readAllBytes(
                sample("keycloak_realm/kcqs_servlet-authz-client_realm-import.json")));
        assertTrue(new KeycloakRealmParser().detects(input));
        IdentityReport r = new KeycloakRealmParser().parse(input);
        assertEquals("keycloak:quickstart", r.account());
        assertEquals(4, r.realm().users().size());
        Map<String, Violation> found = CHECKS.run(r.account(), r.realm()).stream()
                .collect(Collectors.toMap(v -> v.check() + " " + v.resource(), v -> v));
        assertTrue(found.containsKey("keycloak-privileged-user-without-otp keycloak:quickstart/user/admin"));
        assertEquals("medium", found.get("keycloak-client-wildcard-redirect "
                + "keycloak:quickstart/client/jakarta-servlet-authz-client").severity());
        assertTrue(found.containsKey("keycloak-brute-force-detection-off keycloak:quickstart"));
        assertTrue(found.containsKey("keycloak-weak-password-policy keycloak:quickstart"));

        IdentityReport other = new KeycloakRealmParser().parse(new IdentityInput(Files.readAllBytes(
                sample("keycloak_realm/kcqs_spring_rest-authz-resource-server_realm-import.json"))));
        assertEquals(3, other.realm().users().size());
        assertTrue(other.realm().users().stream().anyMatch(u -> "authz-servlet".equals(u.serviceAccountClientId())));
    }

    @Test
    void theBundledCatalogueIsTheUpstreamOne() {
        Path dir = sample("iam_privesc_catalog");
        List<PrivescPath> upstream = PrivescCatalog.folder(dir);
        assertEquals(65, upstream.size());
        assertEquals(upstream, PrivescCatalog.bundled());
    }
}
