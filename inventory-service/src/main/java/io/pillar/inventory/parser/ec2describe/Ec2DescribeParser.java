package io.pillar.inventory.parser.ec2describe;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.AssetParser;
import io.pillar.inventory.parser.AssetSink;
import io.pillar.inventory.parser.JsonItems;
import io.pillar.inventory.parser.MalformedInputException;
import io.pillar.inventory.parser.aws.AwsResources;

/**
 * Output of {@code aws ec2 describe-instances}, {@code describe-security-groups}, {@code describe-vpcs} and
 * {@code describe-subnets} (one or several of their top-level lists in one document). Keys are converted to the
 * camelCase AWS Config uses, so both collectors yield the same attributes. Mapping: docs/formats/ec2-describe.md.
 */
@ApplicationScoped
public class Ec2DescribeParser implements AssetParser {

    @Override
    public String format() {
        return "ec2-describe";
    }

    @Override
    public int detect(String head) {
        for (String list : new String[]{"\"Reservations\"", "\"SecurityGroups\"", "\"Vpcs\"", "\"Subnets\""}) {
            if (head.contains(list)) {
                return 85;
            }
        }
        return 0;
    }

    @Override
    public void parse(JsonParser json, AssetSink sink) throws IOException, MalformedInputException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedInputException("expected the JSON object the AWS CLI prints, with Reservations, "
                    + "SecurityGroups, Vpcs or Subnets", json.currentLocation());
        }
        JsonItems items = new JsonItems();
        boolean any = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (value != JsonToken.START_ARRAY) {
                json.skipChildren();
                continue;
            }
            switch (field) {
                case "Reservations" -> items.eachElement(json, sink, Ec2DescribeParser::reservation);
                case "Instances" -> items.eachElement(json, sink, (i, n, s) -> instance(camel(i), null, n, s));
                case "SecurityGroups" -> items.eachElement(json, sink, (g, n, s) -> simple(camel(g),
                        "AWS::EC2::SecurityGroup", "groupId", "security-group", n, s));
                case "Vpcs" -> items.eachElement(json, sink,
                        (v, n, s) -> simple(camel(v), "AWS::EC2::VPC", "vpcId", "vpc", n, s));
                case "Subnets" -> items.eachElement(json, sink,
                        (v, n, s) -> simple(camel(v), "AWS::EC2::Subnet", "subnetId", "subnet", n, s));
                default -> json.skipChildren();
            }
            any |= field.equals("Reservations") || field.equals("Instances") || field.equals("SecurityGroups")
                    || field.equals("Vpcs") || field.equals("Subnets");
        }
        if (!any) {
            throw new MalformedInputException("no Reservations, Instances, SecurityGroups, Vpcs or Subnets list found",
                    json.currentLocation());
        }
    }

    /** A reservation holds instances: each instance is one item; the reservation's owner is their account. */
    private static void reservation(JsonNode reservation, int index, AssetSink sink) {
        JsonNode instances = reservation.get("Instances");
        if (instances == null || !instances.isArray()) {
            throw new IllegalArgumentException("reservation without an Instances list");
        }
        String owner = AwsResources.text(reservation, "OwnerId");
        for (JsonNode i : instances) {
            instance(camel(i), owner, index, sink);
        }
    }

    private static void instance(JsonNode c, String owner, int index, AssetSink sink) {
        String id = AwsResources.text(c, "instanceId");
        if (id == null) {
            throw new IllegalArgumentException("instance without InstanceId");
        }
        String account = owner;
        for (JsonNode eni : c.path("networkInterfaces")) {
            account = account != null ? account : AwsResources.text(eni, "ownerId");
        }
        String region = AwsResources.regionOfZone(AwsResources.text(c.path("placement"), "availabilityZone"));
        AssetDraft d = draft("AWS::EC2::Instance", id, account, region, "instance", c);
        sink.accept(index, d);
    }

    private static void simple(JsonNode c, String awsType, String idField, String arnType, int index,
            AssetSink sink) {
        String id = AwsResources.text(c, idField);
        if (id == null) {
            throw new IllegalArgumentException(awsType + " without " + idField);
        }
        String region = AwsResources.regionOfZone(AwsResources.text(c, "availabilityZone"));
        String arn = AwsResources.text(c, "subnetArn");
        if (region == null && arn != null && arn.split(":").length > 3) {
            region = arn.split(":")[3];
        }
        sink.accept(index, draft(awsType, id, AwsResources.text(c, "ownerId"), region, arnType, c));
    }

    private static AssetDraft draft(String awsType, String id, String account, String region, String arnType,
            JsonNode config) {
        AssetDraft d = new AssetDraft();
        d.type = AwsResources.typeOf(awsType);
        d.provider = AwsResources.PROVIDER;
        d.account = account;
        d.region = region;
        d.naturalId = account != null && region != null
                ? "arn:aws:ec2:" + region + ":" + account + ":" + arnType + "/" + id
                : id;
        d.identifier(d.naturalId);
        d.identifier(id);
        AwsResources.tags(config.get("tags"), d.tags);
        d.name = d.tags.getOrDefault("Name", firstNonNull(AwsResources.text(config, "groupName"), id));
        ObjectNode raw = JsonItems.object();
        raw.set("configuration", config);
        d.configuration = raw;
        AwsResources.describe(awsType, config, null, d);
        return d;
    }

    /** EC2's PascalCase keys as AWS Config's camelCase ({@code IpPermissions} to {@code ipPermissions}). */
    static JsonNode camel(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                String key = k.isEmpty() ? k : Character.toLowerCase(k.charAt(0)) + k.substring(1);
                out.set(key, camel(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(camel(e)));
            return out;
        }
        return node;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
