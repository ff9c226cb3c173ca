package io.pillar.inventory.parser.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.JsonItems;

/**
 * AWS resources as Pillar sees them, whichever collector delivered them: the Pillar type of an AWS resource type, and
 * the normalized attributes rules read (snake_case, documented in docs/asset-document.md), derived from the configuration
 * in the camelCase shape AWS Config uses (EC2 describe output is converted to it first).
 */
public final class AwsResources {
    public static final String PROVIDER = "aws";
    private static final List<String> EVERYONE = List.of("0.0.0.0/0", "::/0");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("AWS::EC2::Instance", "instance"),
            Map.entry("AWS::EC2::SecurityGroup", "security_group"),
            Map.entry("AWS::EC2::VPC", "vpc"),
            Map.entry("AWS::EC2::Subnet", "subnet"),
            Map.entry("AWS::EC2::Volume", "volume"),
            Map.entry("AWS::EC2::NetworkInterface", "network_interface"),
            Map.entry("AWS::EC2::InternetGateway", "internet_gateway"),
            Map.entry("AWS::S3::Bucket", "bucket"),
            Map.entry("AWS::RDS::DBInstance", "database"),
            Map.entry("AWS::RDS::DBCluster", "database"),
            Map.entry("AWS::DynamoDB::Table", "database"),
            Map.entry("AWS::RDS::DBSnapshot", "snapshot"),
            Map.entry("AWS::RDS::DBClusterSnapshot", "snapshot"),
            Map.entry("AWS::KMS::Key", "key"),
            Map.entry("AWS::Lambda::Function", "function"),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", "load_balancer"),
            Map.entry("AWS::ElasticLoadBalancing::LoadBalancer", "load_balancer"),
            Map.entry("AWS::ECR::Repository", "repository"),
            Map.entry("AWS::CodeCommit::Repository", "repository"),
            Map.entry("AWS::EKS::Cluster", "kubernetes_cluster"),
            Map.entry("AWS::IAM::User", "user"),
            Map.entry("AWS::IAM::Role", "role"),
            Map.entry("AWS::IAM::Group", "group"),
            Map.entry("AWS::IAM::Policy", "policy"),
            Map.entry("AWS::CloudTrail::Trail", "trail"));

    /** The Pillar type of an AWS resource type; types Pillar has no name for become e.g. {@code sns_topic}. */
    public static String typeOf(String awsType) {
        String known = TYPES.get(awsType);
        if (known != null) {
            return known;
        }
        String[] parts = awsType.split("::");
        if (parts.length != 3) {
            throw new IllegalArgumentException("resourceType '" + awsType + "' is not of the form AWS::Service::Type");
        }
        return (parts[1] + "_" + parts[2]).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Fills the draft's attributes, relationships and extra identifiers from the camelCase configuration. */
    public static void describe(String awsType, JsonNode config, JsonNode supplementary, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("resource_type", awsType);
        switch (awsType) {
            case "AWS::EC2::Instance" -> instance(config, draft);
            case "AWS::EC2::SecurityGroup" -> securityGroup(config, draft);
            case "AWS::EC2::VPC" -> {
                a.put("vpc_id", text(config, "vpcId"));
                a.put("cidr", text(config, "cidrBlock"));
                a.put("is_default", config.path("isDefault").asBoolean(false));
                a.put("state", text(config, "state"));
                draft.identifier(text(config, "vpcId"));
            }
            case "AWS::EC2::Subnet" -> {
                a.put("subnet_id", text(config, "subnetId"));
                a.put("vpc_id", text(config, "vpcId"));
                a.put("cidr", text(config, "cidrBlock"));
                a.put("map_public_ip_on_launch", config.path("mapPublicIpOnLaunch").asBoolean(false));
                a.put("availability_zone", text(config, "availabilityZone"));
                a.put("default_for_az", config.path("defaultForAz").asBoolean(false));
                draft.identifier(text(config, "subnetId"));
                draft.identifier(text(config, "subnetArn"));
                draft.relate("member-of", text(config, "vpcId"));
            }
            case "AWS::EC2::Volume" -> {
                a.put("encrypted", config.path("encrypted").asBoolean(false));
                a.put("kms_key_id", text(config, "kmsKeyId"));
                a.put("state", text(config, "state"));
                draft.identifier(text(config, "volumeId"));
                config.path("attachments").forEach(att -> draft.relate("attached-to", text(att, "instanceId")));
            }
            case "AWS::S3::Bucket" -> bucket(config, supplementary, draft);
            case "AWS::RDS::DBInstance", "AWS::RDS::DBCluster" -> database(config, draft);
            case "AWS::DynamoDB::Table" -> {
                a.put("engine", "dynamodb");
                JsonNode sse = config.path("sSEDescription").isMissingNode()
                        ? config.path("sseDescription")
                        : config.path("sSEDescription");
                a.put("storage_encrypted", true);
                a.put("customer_managed_key", "KMS".equals(text(sse, "sSEType")) || "KMS".equals(text(sse, "sseType")));
                a.put("publicly_accessible", false);
            }
            case "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot" -> {
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
            case "AWS::KMS::Key" -> {
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
            case "AWS::Lambda::Function" -> {
                a.put("runtime", text(config, "runtime"));
                a.put("role", text(config, "role"));
                a.put("in_vpc", config.path("vpcConfig").path("subnetIds").size() > 0);
                JsonNode policy = supplementary == null ? null : parsed(supplementary.path("Policy"));
                a.put("publicly_accessible", policy != null && policyAllowsEveryone(policy));
                draft.relate("attached-to", text(config, "role"));
            }
            case "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer" ->
                loadBalancer(config, supplementary, draft);
            case "AWS::ECR::Repository" -> {
                a.put("scan_on_push", config.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false));
                a.put("tag_immutable", "IMMUTABLE".equals(text(config, "imageTagMutability")));
                JsonNode policy = parsed(config.path("repositoryPolicyText"));
                a.put("publicly_accessible", policy != null && policyAllowsEveryone(policy));
                draft.identifier(text(config, "repositoryUri"));
            }
            case "AWS::EKS::Cluster" -> {
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
            case "AWS::IAM::User", "AWS::IAM::Role", "AWS::IAM::Group" -> identity(awsType, config, draft);
            case "AWS::CloudTrail::Trail" -> {
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
            default -> {
                // attributes are those every asset has; rules can still read the raw configuration
            }
        }
    }

    private static void instance(JsonNode c, AssetDraft d) {
        ObjectNode a = d.attributes;
        a.put("instance_id", text(c, "instanceId"));
        a.put("state", text(c.path("state"), "name"));
        a.put("instance_type", text(c, "instanceType"));
        a.put("image_id", text(c, "imageId"));
        a.put("public_ip", text(c, "publicIpAddress"));
        a.put("private_ip", text(c, "privateIpAddress"));
        a.put("public_dns", lower(text(c, "publicDnsName")));
        a.put("private_dns", lower(text(c, "privateDnsName")));
        a.put("subnet_id", text(c, "subnetId"));
        a.put("vpc_id", text(c, "vpcId"));
        a.put("key_name", text(c, "keyName"));
        a.put("monitoring", "enabled".equals(text(c.path("monitoring"), "state")));
        a.put("instance_profile", text(c.path("iamInstanceProfile"), "arn"));
        JsonNode metadata = c.get("metadataOptions");
        if (metadata != null && metadata.isObject()) {
            a.put("imds_enabled", !"disabled".equals(text(metadata, "httpEndpoint")));
            a.put("imds_v2_required", "required".equals(text(metadata, "httpTokens")));
        }
        List<String> groups = new ArrayList<>();
        c.path("securityGroups").forEach(g -> groups.add(text(g, "groupId")));
        groups.removeIf(g -> g == null);
        a.set("security_groups", array(groups));
        groups.forEach(g -> d.relate("attached-to", g));
        c.path("blockDeviceMappings").forEach(b -> d.relate("attached-to", text(b.path("ebs"), "volumeId")));
        d.relate("member-of", text(c, "subnetId"));
        d.identifier(text(c, "instanceId"));
        d.identifier(lower(text(c, "publicDnsName")));
        d.identifier(lower(text(c, "privateDnsName")));
        d.identifier(text(c, "publicIpAddress"));
    }

    private static void securityGroup(JsonNode c, AssetDraft d) {
        ObjectNode a = d.attributes;
        a.put("group_id", text(c, "groupId"));
        a.put("group_name", text(c, "groupName"));
        a.put("vpc_id", text(c, "vpcId"));
        a.put("is_default", "default".equals(text(c, "groupName")));
        ArrayNode ingress = permissions(c.path("ipPermissions"));
        a.set("ingress", ingress);
        a.set("egress", permissions(c.path("ipPermissionsEgress")));
        boolean open = false;
        for (JsonNode p : ingress) {
            for (JsonNode s : p.path("sources")) {
                open |= EVERYONE.contains(s.asText());
            }
        }
        a.put("open_to_internet", open);
        d.identifier(text(c, "groupId"));
        d.relate("member-of", text(c, "vpcId"));
    }

    /** Ingress or egress permissions as {protocol, from_port, to_port, sources}; "all traffic" is 0 to 65535. */
    private static ArrayNode permissions(JsonNode list) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode p : list) {
            ObjectNode rule = out.addObject();
            String protocol = text(p, "ipProtocol");
            boolean all = protocol == null || "-1".equals(protocol);
            rule.put("protocol", all ? "all" : protocol);
            rule.put("from_port", all || !p.hasNonNull("fromPort") || p.get("fromPort").asInt() < 0
                    ? 0
                    : p.get("fromPort").asInt());
            rule.put("to_port", all || !p.hasNonNull("toPort") || p.get("toPort").asInt() < 0
                    ? 65535
                    : p.get("toPort").asInt());
            ArrayNode sources = rule.putArray("sources");
            for (String field : List.of("ipRanges", "ipv4Ranges", "ipv6Ranges")) {
                for (JsonNode r : p.path(field)) {
                    String cidr = r.isTextual() ? r.asText() : first(text(r, "cidrIp"), text(r, "cidrIpv6"));
                    if (cidr != null && !contains(sources, cidr)) {
                        sources.add(cidr);
                    }
                }
            }
            p.path("userIdGroupPairs").forEach(g -> {
                if (text(g, "groupId") != null) {
                    sources.add(text(g, "groupId"));
                }
            });
            p.path("prefixListIds").forEach(pl -> {
                if (text(pl, "prefixListId") != null) {
                    sources.add(text(pl, "prefixListId"));
                }
            });
        }
        return out;
    }

    private static void bucket(JsonNode c, JsonNode supplementary, AssetDraft d) {
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
        boolean publicPolicy = policy != null && policyAllowsEveryone(policy);
        a.put("public_acl", publicAcl);
        a.put("public_policy", publicPolicy);
        a.put("publicly_accessible", (publicAcl && !ignoreAcls) || (publicPolicy && !restrictPolicy));
        a.put("tls_only", policy != null && policyDeniesInsecureTransport(policy));
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

    private static void database(JsonNode c, AssetDraft d) {
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

    private static void loadBalancer(JsonNode c, JsonNode supplementary, AssetDraft d) {
        ObjectNode a = d.attributes;
        String scheme = text(c, "scheme");
        a.put("scheme", scheme);
        a.put("lb_type", text(c, "type"));
        a.put("publicly_accessible", "internet-facing".equals(scheme));
        String dns = lower(first(text(c, "dNSName"), text(c, "dnsName")));
        a.put("dns_name", dns);
        d.identifier(dns);
        Boolean logs = null;
        for (JsonNode attr : arrayOf(supplementary, "LoadBalancerAttributes")) {
            if ("access_logs.s3.enabled".equals(text(attr, "key"))) {
                logs = "true".equals(text(attr, "value"));
            }
        }
        JsonNode classic = c.path("loadBalancerAttributes").path("accessLog");
        if (classic.has("enabled")) {
            logs = classic.path("enabled").asBoolean();
        }
        if (logs != null) {
            a.put("access_logging", logs);
        }
        List<String> protocols = new ArrayList<>();
        c.path("listenerDescriptions").forEach(l -> protocols.add(text(l.path("listener"), "protocol")));
        for (JsonNode l : arrayOf(supplementary, "Listeners")) {
            protocols.add(text(l, "protocol"));
        }
        protocols.removeIf(p -> p == null);
        if (!protocols.isEmpty()) {
            a.set("listener_protocols", array(protocols.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList()));
        }
        c.path("securityGroups").forEach(g -> d.relate("attached-to", g.isTextual() ? g.asText() : null));
        c.path("instances").forEach(i -> d.relate("routes-to", text(i, "instanceId")));
        d.relate("member-of", first(text(c, "vpcId"), text(c, "vPCId")));
    }

    private static void identity(String awsType, JsonNode c, AssetDraft d) {
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
                    inlineAdmin |= parsed != null && policyAllowsEverything(parsed);
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
                a.put("trusts_everyone", trust != null && policyAllowsEveryone(trust));
                d.identifier(text(c, "roleId"));
            }
            default -> d.identifier(text(c, "groupId"));
        }
    }

    /** A policy with an Allow statement whose principal is everyone, without a condition narrowing it. */
    public static boolean policyAllowsEveryone(JsonNode policy) {
        for (JsonNode st : statements(policy)) {
            if ("Allow".equals(text(st, "Effect")) && !st.hasNonNull("Condition")) {
                JsonNode principal = st.path("Principal");
                if (isStar(principal) || isStar(principal.path("AWS"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean policyAllowsEverything(JsonNode policy) {
        for (JsonNode st : statements(policy)) {
            if ("Allow".equals(text(st, "Effect")) && isStar(st.path("Action")) && isStar(st.path("Resource"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean policyDeniesInsecureTransport(JsonNode policy) {
        for (JsonNode st : statements(policy)) {
            JsonNode secure = st.path("Condition").path("Bool").path("aws:SecureTransport");
            if ("Deny".equals(text(st, "Effect")) && "false".equals(secure.isArray()
                    ? secure.path(0).asText()
                    : secure.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<JsonNode> statements(JsonNode policy) {
        JsonNode st = policy.path("Statement");
        return st.isArray() ? st : st.isObject() ? List.of(st) : List.of();
    }

    private static boolean isStar(JsonNode n) {
        if (n.isTextual()) {
            return "*".equals(n.asText());
        }
        if (n.isArray()) {
            for (JsonNode e : n) {
                if ("*".equals(e.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A JSON document that AWS delivers as a string (policies, ACLs), possibly URL-encoded; null when absent. */
    public static JsonNode parsed(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            return node;
        }
        String s = node.asText().trim();
        if (s.startsWith("%7B") || s.startsWith("%7b")) {
            s = URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
        try {
            return s.startsWith("{") || s.startsWith("[") ? JsonItems.JSON.readTree(s) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Tags as AWS delivers them: a map, or a list of {key, value} / {Key, Value}. */
    public static void tags(JsonNode tags, Map<String, String> into) {
        if (tags == null) {
            return;
        }
        if (tags.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                into.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
        } else if (tags.isArray()) {
            for (JsonNode t : tags) {
                String k = first(text(t, "key"), text(t, "Key"));
                if (k != null) {
                    String v = first(text(t, "value"), text(t, "Value"));
                    into.put(k, v == null ? "" : v);
                }
            }
        }
    }

    /** A region from an availability zone ({@code us-east-2a} to {@code us-east-2}). */
    public static String regionOfZone(String zone) {
        return zone == null || !zone.matches("[a-z]{2}(-[a-z]+)+-\\d[a-z]")
                ? null
                : zone.substring(0,
                        zone.length() - 1);
    }

    public static String text(JsonNode node, String field) {
        return node == null ? null : JsonItems.text(node, field);
    }

    private static Iterable<JsonNode> arrayOf(JsonNode supplementary, String... fields) {
        if (supplementary == null) {
            return List.of();
        }
        for (String f : fields) {
            JsonNode v = parsed(supplementary.get(f));
            if (v != null && v.isArray()) {
                return v;
            }
        }
        return List.of();
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> {
            if (v.isTextual()) {
                out.add(v.asText());
            }
        });
        return out;
    }

    private static boolean contains(ArrayNode a, String s) {
        for (JsonNode e : a) {
            if (e.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null && !(v instanceof JsonNode n && (n.isNull() || n.isMissingNode()))) {
                return v;
            }
        }
        return null;
    }

    private AwsResources() {
    }
}
