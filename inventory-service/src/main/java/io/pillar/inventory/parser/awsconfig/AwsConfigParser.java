package io.pillar.inventory.parser.awsconfig;

import java.io.IOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.AssetParser;
import io.pillar.inventory.parser.AssetSink;
import io.pillar.inventory.parser.JsonItems;
import io.pillar.inventory.parser.MalformedInputException;
import io.pillar.inventory.parser.aws.AwsResources;

/**
 * AWS Config configuration items (schema 1.2 and 1.3): one item, a list of items, a {@code configurationItems} or
 * {@code baseConfigurationItems} wrapper (snapshot files, history and batch-get output), or a rule invocation's
 * {@code configurationItem}. Mapping: docs/formats/aws-config.md.
 */
@ApplicationScoped
public class AwsConfigParser implements AssetParser {
    private static final Set<String> LISTS = Set.of("configurationItems", "baseConfigurationItems");
    private static final Set<String> GONE = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded");

    @Override
    public String format() {
        return "aws-config";
    }

    @Override
    public int detect(String head) {
        if (head.contains("\"configurationItems\"") || head.contains("\"configurationItem\"")) {
            return 90;
        }
        return head.contains("\"resourceType\"") && head.contains("\"AWS::") && head.contains("\"configuration")
                ? 80
                : 0;
    }

    @Override
    public void parse(JsonParser json, AssetSink sink) throws IOException, MalformedInputException {
        JsonItems items = new JsonItems();
        JsonToken first = json.nextToken();
        if (first == JsonToken.START_ARRAY) {
            items.eachElement(json, sink, AwsConfigParser::map);
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new MalformedInputException("expected a configuration item, a list of them or a configurationItems "
                    + "wrapper, found " + first, json.currentLocation());
        }
        ObjectNode rest = JsonItems.object();
        boolean wrapped = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (LISTS.contains(field) && value == JsonToken.START_ARRAY) {
                wrapped = true;
                items.eachElement(json, sink, AwsConfigParser::map);
            } else if ("configurationItem".equals(field) && value == JsonToken.START_OBJECT) {
                wrapped = true;
                items.item(JsonItems.tree(json), sink, AwsConfigParser::map);
            } else if ("invokingEvent".equals(field) && value == JsonToken.VALUE_STRING) {
                // a Config rule's event: the configuration item travels as a JSON string
                JsonNode event = JsonItems.JSON.readTree(json.getText());
                wrapped = true;
                items.item(event.get("configurationItem"), sink, AwsConfigParser::map);
            } else {
                rest.set(field, JsonItems.tree(json));
            }
        }
        if (!wrapped) {
            items.item(rest, sink, AwsConfigParser::map);
        }
    }

    static void map(JsonNode ci, int index, AssetSink sink) {
        String awsType = AwsResources.text(ci, "resourceType");
        if (awsType == null) {
            throw new IllegalArgumentException("resourceType is missing: not a configuration item");
        }
        String resourceId = AwsResources.text(ci, "resourceId");
        String arn = first(AwsResources.text(ci, "ARN"), AwsResources.text(ci, "arn"));
        if (arn == null && resourceId == null) {
            throw new IllegalArgumentException("neither ARN nor resourceId is given");
        }
        AssetDraft d = new AssetDraft();
        d.type = AwsResources.typeOf(awsType);
        d.provider = AwsResources.PROVIDER;
        d.account = first(AwsResources.text(ci, "awsAccountId"), AwsResources.text(ci, "accountId"));
        d.region = AwsResources.text(ci, "awsRegion");
        d.naturalId = arn != null ? arn : awsType + "/" + d.account + "/" + resourceId;
        d.identifier(d.naturalId);
        d.identifier(resourceId);
        d.name = first(AwsResources.text(ci, "resourceName"), resourceId);
        String status = AwsResources.text(ci, "configurationItemStatus");
        d.deleted = status != null && GONE.contains(status);
        JsonNode configuration = AwsResources.parsed(ci.get("configuration"));
        JsonNode supplementary = AwsResources.parsed(ci.get("supplementaryConfiguration"));
        if (configuration == null) {
            configuration = JsonItems.object();
            if (!d.deleted && ci.has("configuration") && !ci.get("configuration").isNull()) {
                throw new IllegalArgumentException("configuration is neither an object nor a JSON string");
            }
        }
        AwsResources.tags(ci.get("tags"), d.tags);
        if (supplementary != null) {
            AwsResources.tags(supplementary.get("Tags"), d.tags);
        }
        ObjectNode raw = JsonItems.object();
        raw.set("configuration", configuration);
        if (supplementary != null) {
            raw.set("supplementary_configuration", supplementary);
        }
        d.configuration = raw;
        AwsResources.describe(awsType, configuration, supplementary, d);
        for (JsonNode rel : ci.path("relationships")) {
            String target = first(AwsResources.text(rel, "resourceId"), AwsResources.text(rel, "resourceName"));
            d.relate(kindOf(AwsResources.text(rel, "relationshipName"), AwsResources.text(rel, "resourceType")),
                    target);
        }
        sink.accept(index, d);
    }

    /** AWS Config's relationship names ("Is contained in Vpc", "Contains Instance", ...) as Pillar's four kinds. */
    static String kindOf(String name, String targetType) {
        String n = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("is contained in") || "AWS::IAM::Group".equals(targetType)) {
            return "member-of";
        }
        if (n.startsWith("contains")) {
            return "contains";
        }
        if (n.contains("route") || n.contains("target")) {
            return "routes-to";
        }
        return "attached-to";
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
