package io.pillar.identity.parser.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.AwsPrincipal.InlinePolicy;
import io.pillar.identity.aws.ManagedPolicy;
import io.pillar.identity.parser.ExportValues;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityParser;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.IdentityReport.Rejection;
import io.pillar.identity.parser.MalformedExportException;
import io.pillar.identity.policy.PolicyDocument;
import io.pillar.identity.policy.PolicyException;

/**
 * {@code aws iam get-account-authorization-details}: users (with their groups), groups, roles (with trust policies),
 * inline and managed policies and permission boundaries, of one account. A record without an ARN, or of another
 * account than the rest, is rejected; a policy document that does not parse is left out with its principal and path.
 * A truncated page ({@code IsTruncated}) is imported without removing the principals it does not show.
 */
@ApplicationScoped
public class AuthorizationDetailsParser implements IdentityParser {
    public static final String FORMAT = "aws-authorization-details";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean detects(IdentityInput input) {
        JsonNode j = input.json();
        return j != null && j.isObject()
                && (j.has("UserDetailList") || j.has("RoleDetailList") || j.has("GroupDetailList"));
    }

    @Override
    public IdentityReport parse(IdentityInput input) throws MalformedExportException {
        JsonNode root = input.json();
        if (root == null || !root.isObject()) {
            throw new MalformedExportException("$", input.jsonError() != null
                    ? "not JSON: " + input.jsonError()
                    : "an authorization-details export is a JSON object");
        }
        Reading r = new Reading();
        list(root, "UserDetailList").forEach((i, n) -> r.principal(AwsPrincipal.USER, "UserName", "UserId",
                "$.UserDetailList[" + i + "]", n));
        list(root, "GroupDetailList").forEach((i, n) -> r.principal(AwsPrincipal.GROUP, "GroupName", "GroupId",
                "$.GroupDetailList[" + i + "]", n));
        list(root, "RoleDetailList").forEach((i, n) -> r.principal(AwsPrincipal.ROLE, "RoleName", "RoleId",
                "$.RoleDetailList[" + i + "]", n));
        list(root, "Policies").forEach((i, n) -> r.policy("$.Policies[" + i + "]", n));
        if (r.account == null) {
            throw new MalformedExportException("$", "no principal or policy with an account's ARN");
        }
        String part = root.path("IsTruncated").asBoolean(false) ? IdentityReport.IAM + "-page" : IdentityReport.IAM;
        return new IdentityReport(FORMAT, r.account, part, r.principals, r.policies, List.of(), r.rejected,
                null);
    }

    private static Map<Integer, JsonNode> list(JsonNode root, String field) throws MalformedExportException {
        JsonNode n = root.get(field);
        Map<Integer, JsonNode> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new MalformedExportException("$." + field, "must be an array");
        }
        for (int i = 0; i < n.size(); i++) {
            out.put(i, n.get(i));
        }
        return out;
    }

    /** The state of one reading: the account, what was read and what was left out. */
    private static final class Reading {
        String account;
        final List<AwsPrincipal> principals = new ArrayList<>();
        final List<ManagedPolicy> policies = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();

        void principal(String kind, String nameField, String idField, String at, JsonNode n) {
            String arn = n.path("Arn").asText(null);
            if (!sameAccount(arn, at)) {
                return;
            }
            String name = n.path(nameField).asText(arn);
            List<String> groups = new ArrayList<>();
            n.path("GroupList").forEach(g -> groups.add(g.asText()));
            String inlineField = switch (kind) {
                case AwsPrincipal.USER -> "UserPolicyList";
                case AwsPrincipal.GROUP -> "GroupPolicyList";
                default -> "RolePolicyList";
            };
            List<InlinePolicy> inline = new ArrayList<>();
            JsonNode inlines = n.path(inlineField);
            for (int i = 0; inlines.isArray() && i < inlines.size(); i++) {
                JsonNode p = inlines.get(i);
                String policyName = p.path("PolicyName").asText("#" + i);
                if (readable(p.get("PolicyDocument"), kind + " " + name + " inline policy " + policyName,
                        at + "." + inlineField + "[" + i + "].PolicyDocument")) {
                    inline.add(new InlinePolicy(policyName, p.get("PolicyDocument")));
                }
            }
            List<String> managed = new ArrayList<>();
            JsonNode attached = n.path("AttachedManagedPolicies");
            // some exports write a single attachment as an object instead of a one-element array
            (attached.isObject() ? List.of(attached) : toList(attached)).forEach(a -> {
                if (a.hasNonNull("PolicyArn")) {
                    managed.add(a.get("PolicyArn").asText());
                }
            });
            JsonNode trust = n.get("AssumeRolePolicyDocument");
            if (trust != null && !readable(trust, kind + " " + name + " trust policy",
                    at + ".AssumeRolePolicyDocument")) {
                trust = null;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            n.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
            principals.add(new AwsPrincipal(kind, arn, name, n.path(idField).asText(null),
                    n.path("Path").asText("/"), ExportValues.instant(n.path("CreateDate").asText(null)), groups,
                    inline, managed, n.path("PermissionsBoundary").path("PermissionsBoundaryArn").asText(null),
                    trust, ExportValues.instant(n.path("RoleLastUsed").path("LastUsedDate").asText(
                            n.path("PasswordLastUsed").asText(null))),
                    tags, null));
        }

        void policy(String at, JsonNode n) {
            String arn = n.path("Arn").asText(null);
            boolean aws = arn != null && ManagedPolicy.isAwsManaged(arn);
            if (!aws && !sameAccount(arn, at)) {
                return;
            }
            String version = n.path("DefaultVersionId").asText(null);
            JsonNode doc = null;
            JsonNode versions = n.path("PolicyVersionList");
            for (int i = 0; versions.isArray() && i < versions.size(); i++) {
                JsonNode v = versions.get(i);
                if (v.path("IsDefaultVersion").asBoolean(false) || v.path("VersionId").asText("").equals(version)) {
                    if (readable(v.get("Document"), "managed policy " + arn,
                            at + ".PolicyVersionList[" + i + "].Document")) {
                        doc = v.get("Document");
                        version = v.path("VersionId").asText(version);
                    }
                    break;
                }
            }
            if (doc == null) {
                rejected.add(new Rejection(at, "managed policy " + arn + " has no readable default version"));
                return;
            }
            policies.add(new ManagedPolicy(arn, n.path("PolicyName").asText(arn), aws, version, doc));
        }

        private boolean sameAccount(String arn, String at) {
            String of = AwsPrincipal.accountOf(arn);
            if (of == null) {
                rejected.add(new Rejection(at, "no IAM ARN with an account id (Arn: " + arn + ")"));
                return false;
            }
            if (account == null) {
                account = of;
            } else if (!account.equals(of)) {
                rejected.add(new Rejection(at, arn + " is of account " + of + ", the export's is " + account
                        + " (import each account on its own)"));
                return false;
            }
            return true;
        }

        private boolean readable(JsonNode doc, String what, String at) {
            try {
                PolicyDocument.parse(doc);
                return true;
            } catch (PolicyException e) {
                rejected.add(new Rejection(at, what + " does not parse: " + e.getMessage()));
                return false;
            }
        }

        private static List<JsonNode> toList(JsonNode array) {
            List<JsonNode> out = new ArrayList<>();
            array.forEach(out::add);
            return out;
        }
    }
}
