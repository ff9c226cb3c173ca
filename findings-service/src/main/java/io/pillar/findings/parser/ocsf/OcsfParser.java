package io.pillar.findings.parser.ocsf;

import static io.pillar.findings.parser.ReportFields.at;
import static io.pillar.findings.parser.ReportFields.instant;
import static io.pillar.findings.parser.ReportFields.number;
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

/**
 * OCSF 1.x findings: Vulnerability (2002), Compliance (2003) and Detection (2004), one object, an array (Prowler's
 * OCSF output) or a {@code findings} array. Fingerprint: product, rule (metadata.event_code, else
 * finding_info.analytic.uid, else the first finding type), first resource uid, finding_info.uid.
 */
@ApplicationScoped
public class OcsfParser implements FindingParser {
    private static final Set<Integer> CLASSES = Set.of(NormalizedFinding.VULNERABILITY, NormalizedFinding.COMPLIANCE,
            NormalizedFinding.DETECTION, 2001);

    @Override
    public String format() {
        return "ocsf";
    }

    @Override
    public int detect(ReportHead head) {
        int score = 0;
        if (head.key("class_uid") && head.key("finding_info")) {
            score += 80;
        }
        if (head.key("severity_id") && head.key("metadata")) {
            score += 20;
        }
        return score;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.forEachFinding(report, Set.of("findings"), "OCSF findings", sink, OcsfParser::map, true);
    }

    static NormalizedFinding map(JsonNode f) {
        JsonNode classNode = f.get("class_uid");
        if (classNode == null || !classNode.canConvertToInt() || !CLASSES.contains(classNode.asInt())) {
            throw new IllegalArgumentException("class_uid must be 2002 (vulnerability), 2003 (compliance) or 2004 "
                    + "(detection), was " + classNode);
        }
        int classUid = classNode.asInt() == 2001 ? NormalizedFinding.DETECTION : classNode.asInt();
        JsonNode info = f.get("finding_info");
        String title = text(info, "title");
        if (title == null) {
            throw new IllegalArgumentException("finding_info.title is required");
        }
        String uid = text(info, "uid");
        if (uid == null) {
            throw new IllegalArgumentException("finding_info.uid is required");
        }
        String account = text(f, "cloud", "account", "uid");
        List<NormalizedFinding.Resource> resources = new ArrayList<>();
        for (JsonNode r : ReportFields.elements(f.get("resources"))) {
            String rid = text(r, "uid") != null ? text(r, "uid") : text(r, "name");
            if (rid != null) {
                resources.add(new NormalizedFinding.Resource(rid, text(r, "type"), text(r, "name"),
                        text(r, "region") != null ? text(r, "region") : text(f, "cloud", "region"), account));
            }
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("resources must name at least one resource (uid or name)");
        }
        List<NormalizedFinding.Vulnerability> vulnerabilities = new ArrayList<>();
        for (JsonNode v : ReportFields.elements(f.get("vulnerabilities"))) {
            JsonNode cvss = ReportFields.elements(v.get("cvss")).iterator().hasNext() ? v.get("cvss").get(0) : null;
            JsonNode pkg = ReportFields.elements(v.get("affected_packages")).iterator().hasNext()
                    ? v.get("affected_packages").get(0)
                    : null;
            vulnerabilities.add(new NormalizedFinding.Vulnerability(text(v, "cve", "uid"), text(v, "cwe", "uid"),
                    text(cvss, "vector_string"), number(cvss, "base_score"),
                    number(at(v, "cve", "epss"), "score"), text(pkg, "name"), text(pkg, "version"),
                    text(pkg, "fixed_in_version")));
        }
        String product = text(f, "metadata", "product", "name");
        if (product == null) {
            throw new IllegalArgumentException("metadata.product.name is required");
        }
        String rule = text(f, "metadata", "event_code");
        if (rule == null) {
            rule = text(info, "analytic", "uid") != null
                    ? text(info, "analytic", "uid")
                    : texts(at(info, "types")).stream().findFirst().orElse(null);
        }
        JsonNode severity = f.get("severity_id");
        return new NormalizedFinding("ocsf", Fingerprint.of("ocsf", product, rule, resources.get(0).uid(), uid),
                classUid, severity != null && severity.canConvertToInt() ? severity.asInt() : 0, status(f), uid,
                title, text(f, "message") != null ? text(f, "message") : text(info, "desc"), product, rule, resources,
                vulnerabilities, text(f, "remediation", "desc"), compliance(f), null,
                instant(info, "first_seen_time") != null
                        ? instant(info, "first_seen_time")
                        : instant(info, "created_time"),
                ReportFields.raw(f));
    }

    /**
     * The status caption when given (some producers, Prowler among them, write a status_id that contradicts it),
     * else status_id (3 suppressed, 4 resolved); Prowler's PASS is a passed check.
     */
    private static String status(JsonNode f) {
        if ("PASS".equals(text(f, "status_code"))) {
            return NormalizedFinding.RESOLVED;
        }
        String caption = text(f, "status");
        if (caption != null) {
            return switch (caption.toLowerCase(java.util.Locale.ROOT)) {
                case "suppressed" -> NormalizedFinding.SUPPRESSED;
                case "resolved", "archived" -> NormalizedFinding.RESOLVED;
                default -> NormalizedFinding.NEW;
            };
        }
        int status = f.path("status_id").asInt(1);
        return status == 3
                ? NormalizedFinding.SUPPRESSED
                : status == 4 ? NormalizedFinding.RESOLVED : NormalizedFinding.NEW;
    }

    /** OCSF's compliance object (control, requirements, standards) and Prowler's unmapped.compliance map. */
    private static List<String> compliance(JsonNode f) {
        List<String> out = new ArrayList<>();
        JsonNode c = f.get("compliance");
        if (c != null && c.isObject()) {
            if (text(c, "control") != null) {
                out.add(text(c, "control"));
            }
            out.addAll(texts(c.get("requirements")));
        }
        JsonNode prowler = at(f, "unmapped", "compliance");
        if (prowler != null && prowler.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = prowler.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> standard = it.next();
                texts(standard.getValue()).forEach(req -> out.add(standard.getKey() + " " + req));
            }
        }
        return out;
    }

}
