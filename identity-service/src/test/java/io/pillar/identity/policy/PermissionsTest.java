package io.pillar.identity.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pillar.identity.policy.Decision.Outcome;
import io.pillar.platform.json.Json;

class PermissionsTest {

    private static List<Grant> grants(String json) throws Exception {
        PolicyDocument doc = PolicyDocument.parse(Json.MAPPER.readTree(json));
        List<Grant> out = new ArrayList<>();
        doc.statements().forEach(s -> out.add(new Grant(s, new PolicySource("inline", "test", null, null))));
        return out;
    }

    @Test
    void anExplicitDenyWinsOverAnAllow() throws Exception {
        Permissions p = new Permissions(grants("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                               {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::prod"}]}"""),
                null, Map.of());
        assertEquals(Outcome.DENIED, p.decide("s3:DeleteBucket", "arn:aws:s3:::prod").outcome());
        assertEquals(Outcome.ALLOWED, p.decide("s3:DeleteBucket", "arn:aws:s3:::test").outcome());
        assertEquals(Outcome.ALLOWED, p.decide("S3:getobject", "arn:aws:s3:::prod/x").outcome());
        assertEquals(Outcome.NOT_ALLOWED, p.decide("ec2:RunInstances", "*").outcome());
    }

    @Test
    void aDecisionIsTheSameOnEveryResourceOnlyWhenNoStatementNamesOne() throws Exception {
        Permissions p = new Permissions(grants("""
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
                               {"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::1:role/admin"},
                               {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}"""),
                null, Map.of());
        assertTrue(p.sameOnEveryResource("sts:AssumeRole"));
        assertTrue(p.sameOnEveryResource("s3:GetObject"), "no statement covers it: nothing anywhere");
        assertFalse(p.sameOnEveryResource("iam:PassRole"), "the deny names a role");
        assertEquals(p.decide("sts:AssumeRole", "arn:aws:iam::1:role/any").outcome(),
                p.decide("sts:AssumeRole", "*").outcome());
    }

    @Test
    void notActionAndNotResourceGrantWhatTheyDoNotName() throws Exception {
        Permissions p = new Permissions(
                grants("""
                        {"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"},
                                       {"Effect": "Allow", "Action": "kms:Decrypt", "NotResource": "arn:aws:kms:*:*:key/secret-*"}]}"""),
                null, Map.of());
        assertTrue(p.decide("ec2:RunInstances", null).permits());
        assertTrue(p.decide("ec2:RunInstances", null).everyResource());
        assertFalse(p.decide("iam:CreateUser", null).permits());
        assertEquals(Outcome.NOT_ALLOWED, p.decide("iam:CreateUser", "*").outcome());
        assertTrue(p.decide("kms:Decrypt", "arn:aws:kms:eu-west-1:1:key/public-1").permits());
    }

    @Test
    void conditionsMakeTheAnswerConditionalAndTheBoundaryCutsOff() throws Exception {
        Permissions p = new Permissions(grants("""
                {"Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "s3:GetObject", "ec2:*"], "Resource": "*",
                                "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
                               {"Effect": "Allow", "Action": "lambda:*", "Resource": "*"}]}"""),
                grants("""
                        {"Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "s3:*"], "Resource": "*"}]}"""),
                Map.of());
        assertEquals(Outcome.CONDITIONAL, p.decide("iam:PassRole", "arn:aws:iam::1:role/r").outcome());
        assertEquals(Outcome.NOT_ALLOWED, p.decide("lambda:CreateFunction", null).outcome());
        assertEquals("not allowed by the permissions boundary", p.decide("ec2:RunInstances", null).reason());
    }

    @Test
    void policyVariablesTakeThePrincipalsValues() throws Exception {
        Permissions p = new Permissions(grants("""
                {"Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey",
                                "Resource": "arn:aws:iam::*:user/${aws:username}"},
                               {"Effect": "Allow", "Action": "s3:GetObject",
                                "Resource": "arn:aws:s3:::home/${aws:PrincipalTag/team}/*"}]}"""),
                null, Map.of("aws:username", "ana"));
        assertEquals(Outcome.ALLOWED, p.decide("iam:CreateAccessKey", "arn:aws:iam::1:user/ana").outcome());
        assertEquals(Outcome.NOT_ALLOWED, p.decide("iam:CreateAccessKey", "arn:aws:iam::1:user/bob").outcome());
        assertEquals(Outcome.CONDITIONAL, p.decide("s3:GetObject", "arn:aws:s3:::home/x/file").outcome());
    }

    @Test
    void aBrokenDocumentNamesWhereItBreaks() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyDocument.parse(Json.MAPPER.readTree("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                               {"Effect": "Allow", "Action": ["s3 GetObject"], "Resource": "*"}]}""")));
        assertEquals("$.Statement[1].Action[0]", e.path());
        PolicyDocument text = assertDoesNotThrowParse("%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C"
                + "%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22*%22%7D%7D");
        assertEquals(1, text.statements().size());
    }

    private static PolicyDocument assertDoesNotThrowParse(String encoded) {
        try {
            return PolicyDocument.parse(Json.MAPPER.getNodeFactory().textNode(encoded));
        } catch (PolicyException e) {
            throw new AssertionError(e);
        }
    }
}
