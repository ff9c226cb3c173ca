package io.pillar.inventory.parser.aws;

import static io.pillar.inventory.parser.aws.AwsJson.arrayOf;
import static io.pillar.inventory.parser.aws.AwsJson.contains;
import static io.pillar.inventory.parser.aws.AwsJson.first;
import static io.pillar.inventory.parser.aws.AwsJson.lower;
import static io.pillar.inventory.parser.aws.AwsJson.parsed;
import static io.pillar.inventory.parser.aws.AwsJson.text;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;

/** Where data lives and what protects it: buckets, databases, tables, snapshots, KMS keys. */
final class DataResources {

    static void bucket(JsonNode c, JsonNode supplementary, AssetDraft d) {
        ObjectNode a = d.attributes;
        JsonNode s = supplementary == null ? JsonNodeFactory.instance.objectNode() : supplementary;
        JsonNode block = s.path("PublicAccessBlockConfiguration");
        boolean ignoreAcls = block.path("ignorePublicAcls").asBoolean(false)
                || block.path("blockPublicAcls").asBoolean(false);
        boolean restrictPolicy = block.path("restrictPublicBuckets").asBoolean(false)
                || block.path("blockPublicPolicy").asBoolean(false);
        if (block.isObject()) {
            ObjectNode b = a.putObject("public_access_block");
            for (String f : List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy",
                    "restrictPublicBuckets")) {
                b.put(f.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT), block.path(f).asBoolean(false));
            }
        } else {
            a.putNull("public_access_block");
        }
        JsonNode acl = parsed(s.path("AccessControlList"));
        boolean publicAcl = false;
        if (acl != null) {
            for (JsonNode grant : acl.path("grantList")) {
                String grantee = grant.path("grantee").toString();
                publicAcl |= grantee.contains("AllUsers") || grantee.contains("AuthenticatedUsers");
            }
        }
        JsonNode policy = parsed(s.path("BucketPolicy").path("policyText"));
        boolean publicPolicy = policy != null && IamPolicies.allowsEveryone(policy);
        a.put("public_acl", publicAcl);
        a.put("public_policy", publicPolicy);
        a.put("publicly_accessible", (publicAcl && !ignoreAcls) || (publicPolicy && !restrictPolicy));
        a.put("tls_only", policy != null && IamPolicies.deniesInsecureTransport(policy));
        JsonNode sse = s.path("ServerSideEncryptionConfiguration").path("rules");
        String algorithm = null;
        for (JsonNode rule : sse) {
            algorithm = first(algorithm, text(rule.path("applyServerSideEncryptionByDefault"), "sseAlgorithm"));
        }
        a.put("encryption", algorithm);
        JsonNode versioning = s.path("BucketVersioningConfiguration");
        a.put("versioning", "Enabled".equals(text(versioning, "status")));
        a.put("mfa_delete", versioning.path("isMfaDeleteEnabled").asBoolean(false));
        a.put("access_logging", text(s.path("BucketLoggingConfiguration"), "destinationBucketName") != null);
        d.identifier(text(c, "name"));
    }

    static void database(JsonNode c, AssetDraft d) {
        ObjectNode a = d.attributes;
        a.put("engine", text(c, "engine"));
        a.put("engine_version", text(c, "engineVersion"));
        a.put("publicly_accessible", c.path("publiclyAccessible").asBoolean(false));
        a.put("storage_encrypted", c.path("storageEncrypted").asBoolean(false));
        a.put("kms_key_id", text(c, "kmsKeyId"));
        a.put("backup_retention_days", c.path("backupRetentionPeriod").asInt(0));
        a.put("multi_az", c.path("multiAZ").asBoolean(false));
        a.put("deletion_protection", c.path("deletionProtection").asBoolean(false));
        a.put("iam_auth", c.path("iAMDatabaseAuthenticationEnabled").asBoolean(
                c.path("iamDatabaseAuthenticationEnabled").asBoolean(false)));
        a.put("auto_minor_version_upgrade", c.path("autoMinorVersionUpgrade").asBoolean(false));
        String host = lower(first(text(c.path("endpoint"), "address"), text(c, "endpoint")));
        a.put("endpoint", host);
        d.identifier(host);
        c.path("vpcSecurityGroups").forEach(g -> d.relate("attached-to", text(g, "vpcSecurityGroupId")));
        d.relate("member-of", text(c.path("dBSubnetGroup"), "vpcId"));
    }

    static void dynamoTable(JsonNode config, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("engine", "dynamodb");
        JsonNode sse = config.path("sSEDescription").isMissingNode()
                ? config.path("sseDescription")
                : config.path("sSEDescription");
        a.put("storage_encrypted", true);
        a.put("customer_managed_key", "KMS".equals(text(sse, "sSEType")) || "KMS".equals(text(sse, "sseType")));
        a.put("publicly_accessible", false);
    }

    static void snapshot(JsonNode config, JsonNode supplementary, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("encrypted", config.path("encrypted").asBoolean(config.path("storageEncrypted").asBoolean()));
        boolean shared = false;
        for (JsonNode attr : arrayOf(supplementary, "DBSnapshotAttributes",
                "DBClusterSnapshotAttributes")) {
            if ("restore".equals(text(attr, "attributeName"))) {
                for (JsonNode v : attr.path("attributeValues")) {
                    shared |= "all".equals(v.asText());
                }
            }
        }
        a.put("publicly_accessible", shared);
    }

    static void kmsKey(JsonNode config, JsonNode supplementary, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("key_manager", text(config, "keyManager"));
        a.put("key_state", text(config, "keyState"));
        a.put("key_spec", text(config, "keySpec") != null
                ? text(config, "keySpec")
                : text(config, "customerMasterKeySpec"));
        JsonNode rotation = first(config.get("keyRotationEnabled"),
                supplementary == null ? null : supplementary.get("KeyRotationStatus"),
                supplementary == null ? null : supplementary.get("keyRotationEnabled"));
        if (rotation != null && !rotation.isNull()) {
            a.put("rotation_enabled", rotation.asBoolean());
        }
        draft.identifier(text(config, "keyId"));
    }

    private DataResources() {
    }
}
