package io.pillar.findings.parser.guardduty;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.instant;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.required;
import static io.pillar.findings.parser.ReportFields.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.Severity;

/**
 * Amazon GuardDuty's own finding format ({@code aws guardduty get-findings}, or the detail of an EventBridge event).
 * Fingerprint: the finding's Arn, which GuardDuty keeps while it counts repeated activity into the same finding.
 */
@ApplicationScoped
public class GuardDutyParser implements FindingParser {

    @Override
    public String format() {
        return "guardduty";
    }

    @Override
    public int detect(ReportHead head) {
        int score = head.has("arn:aws:guardduty:") ? 50 : 0;
        if (score > 0 && (head.key("Service") || head.key("service")) && (head.key("Resource") || head.key("resource"))
                && !head.key("ProductArn")) {
            score += 40;
        }
        return score;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.forEachFinding(report, Set.of("Findings", "findings"), "GuardDuty findings", sink,
                GuardDutyParser::map, true);
    }

    static NormalizedFinding map(JsonNode record) {
        JsonNode f = record.has("Arn") ? record : capitalized(record);
        String arn = required(f, "Arn");
        String type = required(f, "Type");
        String account = text(f, "AccountId");
        String region = text(f, "Region");
        Double severity = number(f, "Severity");
        if (severity == null) {
            throw new IllegalArgumentException("Severity is required (a number from 1 to 10)");
        }
        NormalizedFinding.Resource resource = resource(f.get("Resource"), account, region);
        boolean archived = at(f, "Service", "Archived") != null && at(f, "Service", "Archived").asBoolean();
        return new NormalizedFinding("guardduty", Fingerprint.of("guardduty", arn), NormalizedFinding.DETECTION,
                severity(severity), archived ? NormalizedFinding.RESOLVED : NormalizedFinding.NEW, arn,
                required(f, "Title"), text(f, "Description"), "GuardDuty", type, List.of(resource), List.of(),
                null, List.of(), null,
                instant(f, "Service", "EventFirstSeen") != null
                        ? instant(f, "Service", "EventFirstSeen")
                        : instant(f, "CreatedAt"),
                ReportFields.raw(record));
    }

    /**
     * GuardDuty's API, EventBridge events and S3 exports name fields in camelCase ({@code arn}, {@code service}); the
     * AWS CLI and SDKs print them capitalized ({@code Arn}, {@code Service}). The mapping reads the latter.
     */
    static JsonNode capitalized(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonReport.MAPPER.createArrayNode();
            node.forEach(e -> out.add(capitalized(e)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonReport.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            out.set(key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1),
                    capitalized(e.getValue()));
        }
        return out;
    }

    /** GuardDuty's bands: 1-3.9 low, 4-6.9 medium, 7-8.9 high, 9-10 critical. */
    static int severity(double score) {
        return score < 4 ? Severity.LOW : score < 7 ? Severity.MEDIUM : score < 9 ? Severity.HIGH : Severity.CRITICAL;
    }

    /** The affected resource as an ARN where GuardDuty gives enough to build one. */
    static NormalizedFinding.Resource resource(JsonNode r, String account, String region) {
        String type = text(r, "ResourceType");
        if (type == null) {
            throw new IllegalArgumentException("Resource.ResourceType is required");
        }
        String uid = switch (type) {
            case "AccessKey" -> text(r, "AccessKeyDetails", "UserName") == null
                    ? text(r, "AccessKeyDetails",
                            "AccessKeyId")
                    : "arn:aws:iam::" + account + ":user/" + text(r, "AccessKeyDetails", "UserName");
            case "Instance" -> text(r, "InstanceDetails", "InstanceId") == null
                    ? null
                    : "arn:aws:ec2:" + region + ":" + account + ":instance/" + text(r, "InstanceDetails",
                            "InstanceId");
            case "S3Bucket" -> firstBucketArn(r);
            case "EKSCluster" -> text(r, "EksClusterDetails", "Arn");
            case "RDSDBInstance" -> text(r, "RdsDbInstanceDetails", "DbInstanceArn");
            case "Lambda" -> text(r, "LambdaDetails", "FunctionArn");
            default -> null;
        };
        return new NormalizedFinding.Resource(uid == null ? "aws:" + account + ":" + region + ":" + type : uid, type,
                null, region, account);
    }

    private static String firstBucketArn(JsonNode r) {
        JsonNode buckets = r.get("S3BucketDetails");
        return buckets != null && buckets.isArray() && !buckets.isEmpty() ? text(buckets.get(0), "Arn") : null;
    }
}
