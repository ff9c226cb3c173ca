package io.pillar.inventory.parser.aws;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.inventory.parser.AssetDraft;

/**
 * AWS resources as Pillar sees them, whichever collector delivered them: the Pillar type of an AWS resource type, and
 * the normalized attributes rules read (snake_case, documented in docs/asset-document.md), derived from the configuration
 * in the camelCase shape AWS Config uses (EC2 describe output is converted to it first). The attributes of each
 * resource family are derived in a class of their own (network, data, service resources).
 */
public final class AwsResources {
    public static final String PROVIDER = "aws";

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
        draft.attributes.put("resource_type", awsType);
        switch (awsType) {
            case "AWS::EC2::Instance" -> NetworkResources.instance(config, draft);
            case "AWS::EC2::SecurityGroup" -> NetworkResources.securityGroup(config, draft);
            case "AWS::EC2::VPC" -> NetworkResources.vpc(config, draft);
            case "AWS::EC2::Subnet" -> NetworkResources.subnet(config, draft);
            case "AWS::EC2::Volume" -> NetworkResources.volume(config, draft);
            case "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer" ->
                NetworkResources.loadBalancer(config, supplementary, draft);
            case "AWS::S3::Bucket" -> DataResources.bucket(config, supplementary, draft);
            case "AWS::RDS::DBInstance", "AWS::RDS::DBCluster" -> DataResources.database(config, draft);
            case "AWS::DynamoDB::Table" -> DataResources.dynamoTable(config, draft);
            case "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot" ->
                DataResources.snapshot(config, supplementary, draft);
            case "AWS::KMS::Key" -> DataResources.kmsKey(config, supplementary, draft);
            case "AWS::Lambda::Function" -> ServiceResources.function(config, supplementary, draft);
            case "AWS::ECR::Repository" -> ServiceResources.containerRepository(config, draft);
            case "AWS::EKS::Cluster" -> ServiceResources.kubernetesCluster(config, draft);
            case "AWS::IAM::User", "AWS::IAM::Role", "AWS::IAM::Group" ->
                ServiceResources.identity(awsType, config, draft);
            case "AWS::CloudTrail::Trail" -> ServiceResources.trail(config, supplementary, draft);
            default -> {
                // attributes are those every asset has; rules can still read the raw configuration
            }
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
                String k = AwsJson.first(text(t, "key"), text(t, "Key"));
                if (k != null) {
                    String v = AwsJson.first(text(t, "value"), text(t, "Value"));
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

    /** A policy with an Allow statement whose principal is everyone, without a condition narrowing it. */
    public static boolean policyAllowsEveryone(JsonNode policy) {
        return IamPolicies.allowsEveryone(policy);
    }

    /** A JSON document that AWS delivers as a string (policies, ACLs), possibly URL-encoded; null when absent. */
    public static JsonNode parsed(JsonNode node) {
        return AwsJson.parsed(node);
    }

    public static String text(JsonNode node, String field) {
        return AwsJson.text(node, field);
    }

    private AwsResources() {
    }
}
