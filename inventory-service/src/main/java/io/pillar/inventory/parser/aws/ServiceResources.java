package io.pillar.inventory.parser.aws;

import static io.pillar.inventory.parser.aws.AwsJson.EVERYONE;
import static io.pillar.inventory.parser.aws.AwsJson.array;
import static io.pillar.inventory.parser.aws.AwsJson.contains;
import static io.pillar.inventory.parser.aws.AwsJson.first;
import static io.pillar.inventory.parser.aws.AwsJson.parsed;
import static io.pillar.inventory.parser.aws.AwsJson.strings;
import static io.pillar.inventory.parser.aws.AwsJson.text;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.JsonItems;

/** IAM identities, functions, container repositories, Kubernetes clusters and trails. */
final class ServiceResources {

    static void identity(String awsType, JsonNode c, AssetDraft d) {
        ObjectNode a = d.attributes;
        List<String> attached = new ArrayList<>();
        c.path("attachedManagedPolicies").forEach(p -> attached.add(text(p, "policyName")));
        attached.removeIf(p -> p == null);
        a.set("attached_policies", array(attached));
        JsonNode inline = first(c.get("userPolicyList"), c.get("rolePolicyList"), c.get("groupPolicyList"));
        boolean inlineAdmin = false;
        int inlineCount = 0;
        if (inline != null) {
            for (JsonNode p : inline) {
                inlineCount++;
                JsonNode doc = p.path("policyDocument");
                for (JsonNode version : doc.isArray() ? doc : JsonItems.JSON.createArrayNode().add(doc)) {
                    JsonNode parsed = version.isTextual() ? parsed(version) : version;
                    inlineAdmin |= parsed != null && IamPolicies.allowsEverything(parsed);
                }
            }
        }
        a.put("inline_policies", inlineCount);
        a.put("administrator", attached.contains("AdministratorAccess") || inlineAdmin);
        switch (awsType) {
            case "AWS::IAM::User" -> {
                a.put("user_name", text(c, "userName"));
                List<String> groups = strings(c.path("groupList"));
                a.set("groups", array(groups));
                groups.forEach(g -> d.relate("member-of", g));
                d.identifier(text(c, "userId"));
            }
            case "AWS::IAM::Role" -> {
                a.put("role_name", text(c, "roleName"));
                JsonNode trust = parsed(c.path("assumeRolePolicyDocument"));
                a.put("trusts_everyone", trust != null && IamPolicies.allowsEveryone(trust));
                d.identifier(text(c, "roleId"));
            }
            default -> d.identifier(text(c, "groupId"));
        }
    }

    static void function(JsonNode config, JsonNode supplementary, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("runtime", text(config, "runtime"));
        a.put("role", text(config, "role"));
        a.put("in_vpc", config.path("vpcConfig").path("subnetIds").size() > 0);
        JsonNode policy = supplementary == null ? null : parsed(supplementary.path("Policy"));
        a.put("publicly_accessible", policy != null && IamPolicies.allowsEveryone(policy));
        draft.relate("attached-to", text(config, "role"));
    }

    static void containerRepository(JsonNode config, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("scan_on_push", config.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false));
        a.put("tag_immutable", "IMMUTABLE".equals(text(config, "imageTagMutability")));
        JsonNode policy = parsed(config.path("repositoryPolicyText"));
        a.put("publicly_accessible", policy != null && IamPolicies.allowsEveryone(policy));
        draft.identifier(text(config, "repositoryUri"));
    }

    static void kubernetesCluster(JsonNode config, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        JsonNode vpc = config.path("resourcesVpcConfig");
        boolean endpointPublic = vpc.path("endpointPublicAccess").asBoolean(false);
        List<String> cidrs = strings(vpc.path("publicAccessCidrs"));
        a.put("endpoint_public_access", endpointPublic);
        a.set("public_access_cidrs", array(cidrs));
        a.put("secrets_encrypted", config.path("encryptionConfig").size() > 0);
        List<String> logTypes = new ArrayList<>();
        config.path("logging").path("clusterLogging").forEach(l -> {
            if (l.path("enabled").asBoolean()) {
                l.path("types").forEach(t -> logTypes.add(t.asText()));
            }
        });
        a.set("logging_types", array(logTypes));
        a.put("publicly_accessible", endpointPublic && (cidrs.isEmpty() || cidrs.stream().anyMatch(
                EVERYONE::contains)));
        draft.identifier(text(config, "endpoint"));
    }

    static void trail(JsonNode config, JsonNode supplementary, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("is_multi_region", config.path("isMultiRegionTrail").asBoolean(false));
        a.put("log_file_validation", config.path("logFileValidationEnabled").asBoolean(false));
        a.put("kms_key_id", text(config, "kmsKeyId"));
        a.put("s3_bucket", text(config, "s3BucketName"));
        JsonNode logging = first(config.get("isLogging"),
                supplementary == null ? null : supplementary.path("TrailStatus").get("isLogging"));
        if (logging != null && !logging.isNull()) {
            a.put("logging", logging.asBoolean());
        }
    }

    private ServiceResources() {
    }
}
