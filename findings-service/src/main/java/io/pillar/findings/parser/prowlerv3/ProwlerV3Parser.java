package io.pillar.findings.parser.prowlerv3;

import static io.pillar.findings.parser.ReportFields.instant;
import static io.pillar.findings.parser.ReportFields.required;
import static io.pillar.findings.parser.ReportFields.text;
import static io.pillar.findings.parser.ReportFields.texts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

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
 * Prowler v3's native JSON: an array of check results. Each is a compliance finding; PASS is a passed check (stored
 * resolved), MANUAL and INFO are informational. Fingerprint: FindingUniqueId (Prowler builds it from provider, check,
 * account, region and resource), else check, account, region and resource.
 */
@ApplicationScoped
public class ProwlerV3Parser implements FindingParser {

    @Override
    public String format() {
        return "prowler-v3";
    }

    @Override
    public int detect(ReportHead head) {
        int score = 0;
        if (head.key("CheckID") && head.key("StatusExtended")) {
            score += 60;
        }
        if (head.key("FindingUniqueId") || head.key("AssessmentStartTime")) {
            score += 30;
        }
        return score;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.forEachFinding(report, Set.of("findings"), "Prowler v3 results", sink, ProwlerV3Parser::map, false);
    }

    static NormalizedFinding map(JsonNode f) {
        String check = required(f, "CheckID");
        String status = required(f, "Status");
        String account = text(f, "AccountId");
        String region = text(f, "Region");
        String resourceUid = text(f, "ResourceArn") != null ? text(f, "ResourceArn") : text(f, "ResourceId");
        if (resourceUid == null) {
            resourceUid = "aws:" + account + ":" + region;
        }
        String unique = text(f, "FindingUniqueId");
        int severity = Severity.fromLabel(text(f, "Severity"));
        if ("MANUAL".equals(status) || "INFO".equals(status)) {
            severity = Severity.INFORMATIONAL;
        }
        List<String> compliance = new ArrayList<>();
        JsonNode c = f.get("Compliance");
        if (c != null && c.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> standard = it.next();
                texts(standard.getValue()).forEach(req -> compliance.add(standard.getKey() + " " + req));
            }
        }
        String title = text(f, "CheckTitle") != null ? text(f, "CheckTitle") : check;
        return new NormalizedFinding("prowler-v3",
                unique != null
                        ? Fingerprint.of("prowler", unique)
                        : Fingerprint.of("prowler", check, account, region, resourceUid),
                NormalizedFinding.COMPLIANCE, severity,
                "PASS".equals(status) ? NormalizedFinding.RESOLVED : NormalizedFinding.NEW, unique, title,
                text(f, "StatusExtended") != null ? text(f, "StatusExtended") : text(f, "Description"), "Prowler",
                check,
                List.of(new NormalizedFinding.Resource(resourceUid, text(f, "ResourceType"), text(f, "ResourceId"),
                        region, account)),
                List.of(), text(f, "Remediation", "Recommendation", "Text"), compliance, null,
                instant(f, "AssessmentStartTime"), ReportFields.raw(f));
    }
}
