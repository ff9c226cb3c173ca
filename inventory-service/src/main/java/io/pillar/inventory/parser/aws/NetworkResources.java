package io.pillar.inventory.parser.aws;

import static io.pillar.inventory.parser.aws.AwsJson.EVERYONE;
import static io.pillar.inventory.parser.aws.AwsJson.array;
import static io.pillar.inventory.parser.aws.AwsJson.arrayOf;
import static io.pillar.inventory.parser.aws.AwsJson.contains;
import static io.pillar.inventory.parser.aws.AwsJson.first;
import static io.pillar.inventory.parser.aws.AwsJson.lower;
import static io.pillar.inventory.parser.aws.AwsJson.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;

/** EC2 and load balancing: instances, security groups, VPCs, subnets, volumes, load balancers. */
final class NetworkResources {

    static void instance(JsonNode c, AssetDraft d) {
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

    static void securityGroup(JsonNode c, AssetDraft d) {
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

    static void vpc(JsonNode config, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("vpc_id", text(config, "vpcId"));
        a.put("cidr", text(config, "cidrBlock"));
        a.put("is_default", config.path("isDefault").asBoolean(false));
        a.put("state", text(config, "state"));
        draft.identifier(text(config, "vpcId"));
    }

    static void subnet(JsonNode config, AssetDraft draft) {
        ObjectNode a = draft.attributes;
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

    static void volume(JsonNode config, AssetDraft draft) {
        ObjectNode a = draft.attributes;
        a.put("encrypted", config.path("encrypted").asBoolean(false));
        a.put("kms_key_id", text(config, "kmsKeyId"));
        a.put("state", text(config, "state"));
        draft.identifier(text(config, "volumeId"));
        config.path("attachments").forEach(att -> draft.relate("attached-to", text(att, "instanceId")));
    }

    static void loadBalancer(JsonNode c, JsonNode supplementary, AssetDraft d) {
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

    private NetworkResources() {
    }
}
