package io.pillar.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A synthetic {@code get-account-authorization-details} export: users (60%) in one to three groups, roles (30%) that
 * trust the account, another role or a service, groups (10%); customer-managed policies of two to four statements
 * drawn from a pool of real action names (escalation-prone ones among them, wildcards, NotAction, conditions,
 * denies), two to five attached to each principal, and an inline policy on every third. Seeded: the same sizes give
 * the same export.
 */
final class IamExportGenerator {
    private static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:*", "ec2:RunInstances",
            "ec2:Describe*", "iam:PassRole", "iam:CreatePolicyVersion", "iam:AttachRolePolicy", "iam:Get*",
            "iam:List*", "lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode",
            "sts:AssumeRole", "kms:Decrypt", "kms:PutKeyPolicy", "secretsmanager:GetSecretValue", "ssm:SendCommand",
            "glue:CreateJob", "glue:StartJobRun", "cloudformation:CreateStack", "dynamodb:Query", "logs:*",
            "cloudwatch:PutMetricData", "sqs:SendMessage", "sns:Publish", "ecr:GetAuthorizationToken",
            "codebuild:StartBuild", "ecs:RunTask", "ecs:RegisterTaskDefinition");
    private static final List<String> SERVICES = List.of("lambda.amazonaws.com", "ec2.amazonaws.com",
            "glue.amazonaws.com", "ecs-tasks.amazonaws.com", "cloudformation.amazonaws.com");

    static Path write(Path file, String account, int principals, int policies) throws IOException {
        Random random = new Random(principals * 31L + policies);
        int users = principals * 6 / 10;
        int roles = principals * 3 / 10;
        int groups = principals - users - roles;
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator g = Bench.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("UserDetailList");
            for (int i = 0; i < users; i++) {
                g.writeStartObject();
                principal(g, account, "user", "u" + i, "UserName", i, random, policies);
                g.writeArrayFieldStart("GroupList");
                for (int k = 0; k <= random.nextInt(3); k++) {
                    g.writeString("g" + random.nextInt(groups));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("GroupDetailList");
            for (int i = 0; i < groups; i++) {
                g.writeStartObject();
                principal(g, account, "group", "g" + i, "GroupName", i, random, policies);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("RoleDetailList");
            for (int i = 0; i < roles; i++) {
                g.writeStartObject();
                principal(g, account, "role", "r" + i, "RoleName", i, random, policies);
                g.writeObjectFieldStart("AssumeRolePolicyDocument");
                g.writeArrayFieldStart("Statement");
                g.writeStartObject();
                g.writeStringField("Effect", "Allow");
                g.writeStringField("Action", "sts:AssumeRole");
                g.writeObjectFieldStart("Principal");
                int kind = random.nextInt(3);
                if (kind == 0) {
                    g.writeStringField("AWS", "arn:aws:iam::" + account + ":root");
                } else if (kind == 1) {
                    g.writeStringField("AWS", "arn:aws:iam::" + account + ":role/r" + random.nextInt(roles));
                } else {
                    g.writeStringField("Service", SERVICES.get(random.nextInt(SERVICES.size())));
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Policies");
            for (int i = 0; i < policies; i++) {
                g.writeStartObject();
                g.writeStringField("PolicyName", "p" + i);
                g.writeStringField("Arn", "arn:aws:iam::" + account + ":policy/p" + i);
                g.writeStringField("DefaultVersionId", "v1");
                g.writeArrayFieldStart("PolicyVersionList");
                g.writeStartObject();
                g.writeStringField("VersionId", "v1");
                g.writeBooleanField("IsDefaultVersion", true);
                g.writeFieldName("Document");
                document(g, random, account);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("IsTruncated", false);
            g.writeEndObject();
        }
        return file;
    }

    private static void principal(JsonGenerator g, String account, String kind, String name, String nameField,
            int i, Random random, int policies) throws IOException {
        g.writeStringField(nameField, name);
        g.writeStringField("Arn", "arn:aws:iam::" + account + ":" + kind + "/" + name);
        g.writeStringField("Path", "/");
        g.writeStringField("CreateDate", "2025-01-01T00:00:00Z");
        g.writeArrayFieldStart("AttachedManagedPolicies");
        for (int k = 0; k < 2 + random.nextInt(4); k++) {
            g.writeStartObject();
            String policy = "p" + random.nextInt(policies);
            g.writeStringField("PolicyName", policy);
            g.writeStringField("PolicyArn", "arn:aws:iam::" + account + ":policy/" + policy);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(switch (kind) {
            case "user" -> "UserPolicyList";
            case "group" -> "GroupPolicyList";
            default -> "RolePolicyList";
        });
        if (i % 3 == 0) {
            g.writeStartObject();
            g.writeStringField("PolicyName", "inline");
            g.writeFieldName("PolicyDocument");
            document(g, random, account);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void document(JsonGenerator g, Random random, String account) throws IOException {
        g.writeStartObject();
        g.writeStringField("Version", "2012-10-17");
        g.writeArrayFieldStart("Statement");
        for (int s = 0; s < 2 + random.nextInt(3); s++) {
            g.writeStartObject();
            int shape = random.nextInt(20);
            g.writeStringField("Effect", shape == 0 ? "Deny" : "Allow");
            g.writeArrayFieldStart(shape == 1 ? "NotAction" : "Action");
            for (int a = 0; a < 1 + random.nextInt(4); a++) {
                g.writeString(ACTIONS.get(random.nextInt(ACTIONS.size())));
            }
            g.writeEndArray();
            g.writeStringField("Resource", random.nextInt(3) == 0
                    ? "arn:aws:iam::" + account + ":role/r" + random.nextInt(50)
                    : "*");
            if (shape == 2) {
                g.writeObjectFieldStart("Condition");
                g.writeObjectFieldStart("Bool");
                g.writeStringField("aws:MultiFactorAuthPresent", "true");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private IamExportGenerator() {
    }
}
