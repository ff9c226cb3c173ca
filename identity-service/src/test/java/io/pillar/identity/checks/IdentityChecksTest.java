package io.pillar.identity.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
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

class IdentityChecksTest {
    private static final String ACCOUNT = "arn:aws:iam::111122223333:";
    private static final IdentityChecks CHECKS = new IdentityChecks(Optional.empty(), Optional.empty(),
            List.of("admin"));

    static IdentityReport read(String fixture, boolean credentials) throws Exception {
        try (InputStream in = IdentityChecksTest.class.getResourceAsStream("/exports/" + fixture)) {
            IdentityInput input = new IdentityInput(in.readAllBytes());
            return credentials
                    ? new CredentialReportParser().parse(input)
                    : new AuthorizationDetailsParser().parse(input);
        }
    }

    static AwsAccount account(IdentityReport r) {
        return new AwsAccount(r.account(),
                r.principals().stream().collect(Collectors.toMap(AwsPrincipal::arn, p -> p, (a, b) -> a,
                        java.util.LinkedHashMap::new)),
                r.policies().stream().collect(Collectors.toMap(p -> p.arn(), p -> p)));
    }

    private static Map<String, Violation> byKey(List<Violation> found) {
        return found.stream().collect(Collectors.toMap(v -> v.check() + " " + v.resource(), v -> v));
    }

    @Test
    void escalationThroughGroupsPassRoleAndAThreeHopRoleChain() throws Exception {
        Map<String, Violation> found = byKey(CHECKS.run(account(read("authz_escalation.json", false)),
                Instant.parse("2026-12-01T00:00:00Z")));

        Violation lambda = found.get("privilege-escalation/lambda-001 " + ACCOUNT + "user/ana");
        assertEquals("critical", lambda.severity());
        assertTrue(lambda.detail().contains("reaches administrator role " + ACCOUNT + "role/lambda-admin"),
                lambda.detail());

        Violation chain = found.get("privilege-escalation/iam-001 " + ACCOUNT + "user/dev");
        assertTrue(chain.detail().contains(ACCOUNT + "user/dev -> " + ACCOUNT + "role/hop1 -> " + ACCOUNT
                + "role/hop2 -> " + ACCOUNT + "role/hop3"), chain.detail());

        assertTrue(found.containsKey("iam-full-admin " + ACCOUNT + "role/lambda-admin"));
        assertTrue(!found.containsKey("iam-full-admin " + ACCOUNT + "user/ana"), "ops-deploy v1 is not in force");
        assertTrue(found.containsKey("iam-role-trust-any-principal " + ACCOUNT + "role/open"));
        assertTrue(found.get("iam-role-trust-external-account " + ACCOUNT + "role/open").detail()
                .contains("999988887777"));
        assertTrue(found.containsKey("iam-policy-notaction-allow " + ACCOUNT + "policy/ops-deploy"));
        assertEquals("allows s3:* on every resource",
                found.get("iam-policy-service-wildcard " + ACCOUNT + "policy/ops-deploy").detail());
        assertTrue(found.get("iam-policy-data-exfiltration " + ACCOUNT + "policy/ops-deploy").detail()
                .contains("s3:GetObject"));
        assertTrue(found.containsKey("iam-user-policies-attached " + ACCOUNT + "user/dev"));
        assertEquals("keys may both administer KMS keys and use them on data: kms:PutKeyPolicy and kms:Decrypt",
                found.get("separation-of-duties/key-administration-and-use " + ACCOUNT + "role/keys").detail());
    }

    @Test
    void aBrokenPolicyIsLeftOutWithItsPrincipalAndPath() throws Exception {
        IdentityReport r = read("authz_escalation.json", false);
        assertEquals(1, r.rejected().size());
        assertEquals("$.UserDetailList[2].UserPolicyList[0].PolicyDocument", r.rejected().get(0).record());
        assertTrue(r.rejected().get(0).reason().contains("user bad inline policy broken"));
        assertTrue(r.rejected().get(0).reason().contains("$.Statement[0].Effect"));
    }

    @Test
    void credentialChecksCountAgesToTheReportTime() throws Exception {
        IdentityReport creds = read("credential_report.csv", true);
        assertEquals("111122223333", creds.account());
        assertEquals(3, creds.principals().size());
        Map<String, Violation> found = byKey(CHECKS.run(account(creds), Instant.parse("2026-12-01T00:00:00Z")));
        assertTrue(found.containsKey("root-access-keys " + ACCOUNT + "root"));
        assertTrue(found.containsKey("root-no-mfa " + ACCOUNT + "root"));
        assertTrue(found.containsKey("root-recent-use " + ACCOUNT + "root"));
        assertTrue(found.containsKey("user-console-without-mfa " + ACCOUNT + "user/ana"));
        assertTrue(found.containsKey("user-access-key-old " + ACCOUNT + "user/ana#access-key-1"));
        assertTrue(found.containsKey("user-two-active-access-keys " + ACCOUNT + "user/ana"));
        assertTrue(found.containsKey("user-access-key-unused " + ACCOUNT + "user/ana#access-key-2") == false,
                "key 2 was rotated ten days before");
        assertTrue(found.containsKey("user-long-term-keys " + ACCOUNT + "user/dev"));
        // a year later, everything has aged
        Map<String, Violation> later = byKey(CHECKS.run(account(creds), Instant.parse("2027-12-01T00:00:00Z")));
        assertTrue(later.containsKey("user-inactive " + ACCOUNT + "user/dev"));
        assertTrue(!later.containsKey("root-recent-use " + ACCOUNT + "root"));
    }

    @Test
    void activeAccessAnalyzerFindingsAreExternalAccess() throws Exception {
        IdentityReport r;
        try (InputStream in = IdentityChecksTest.class.getResourceAsStream("/exports/access_analyzer.json")) {
            r = new AccessAnalyzerParser().parse(new IdentityInput(in.readAllBytes()));
        }
        assertEquals("111122223333", r.account());
        assertEquals(3, r.externalAccess().size());
        assertEquals("$.findings[3]", r.rejected().get(0).record());
        Map<String, Violation> found = byKey(CHECKS.run(new AwsAccount(r.account(), Map.of(), Map.of(),
                r.externalAccess()), Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals(2, found.size());
        assertEquals("critical", found.get("access-analyzer-external-access arn:aws:s3:::red-public-site").severity());
        Violation partner = found.get("access-analyzer-external-access arn:aws:kms:eu-west-1:111122223333:key/1234");
        assertEquals("high", partner.severity());
        assertEquals("AWS 999988887777 may kms:Decrypt (Access Analyzer finding f-partner)", partner.detail());
    }

    @Test
    void everyCataloguePathIsACheckAndEveryCheckIsDocumented() throws Exception {
        assertEquals(65, CHECKS.catalogue().size());
        String docs = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("docs/checks.md")));
        for (String id : CHECKS.checks().keySet()) {
            if (!id.startsWith("privilege-escalation/")) { // each path is described by the catalogue
                assertTrue(docs.contains("`" + id + "`"), "docs/checks.md documents " + id);
            }
        }
    }
}
