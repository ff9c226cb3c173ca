package io.pillar.findings.parser.zap;

import static io.pillar.findings.parser.ReportFields.elements;
import static io.pillar.findings.parser.ReportFields.number;
import static io.pillar.findings.parser.ReportFields.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonRecords;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.Marks;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.Severity;
import io.pillar.findings.parser.XmlRecords;

/**
 * OWASP ZAP's traditional XML and JSON reports: every alert of every site is a finding, its instances (URL, method,
 * parameter, evidence) kept with it. Both are read into the same shape (XML attributes as {@code @name}, as the JSON
 * report names them). Fingerprint: tool, site, alert reference (plugin id and variant).
 */
@ApplicationScoped
public class ZapParser implements FindingParser {
    private static final Marks XML = new Marks("zap", 90, List.of("<OWASPZAPReport", "<site"));
    private static final Marks JSON = new Marks("zap", 85, List.of("@programName", "site", "alerts"));
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");

    @Override
    public String format() {
        return "zap";
    }

    @Override
    public int detect(ReportHead head) {
        return head.first() == '<' ? XML.score(head) : JSON.score(head);
    }

    @Override
    public String nearMiss(ReportHead head) {
        return head.first() == '<' ? XML.nearMiss(head) : JSON.nearMiss(head);
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        parse(ReportSource.buffered(report), sink);
    }

    @Override
    public void parse(ReportSource report, FindingSink sink) throws IOException, MalformedReportException {
        JsonRecords.Handler handler = (index, alert, context) -> {
            try {
                sink.accept(alert(alert, context.parent()));
            } catch (IllegalArgumentException e) {
                sink.reject(index, e.getMessage());
            }
        };
        try (InputStream in = new BufferedInputStream(report.open())) {
            if (ReportHead.peek(in, 4096).markup()) {
                XmlRecords.read(in, JsonRecords.paths("OWASPZAPReport/site/alerts/alertitem"), "a ZAP XML report",
                        sink, handler);
                return;
            }
        }
        JsonRecords.read(report, JsonRecords.paths("site/alerts"), "a ZAP JSON report (site, alerts)", sink, handler);
    }

    static NormalizedFinding alert(JsonNode alert, JsonNode site) {
        String name = text(alert, "alert") != null ? text(alert, "alert") : text(alert, "name");
        if (name == null) {
            throw new IllegalArgumentException("alert (or name) is required");
        }
        String plugin = text(alert, "pluginid");
        String ref = text(alert, "alertRef") != null ? text(alert, "alertRef") : plugin;
        if (ref == null) {
            throw new IllegalArgumentException("pluginid (or alertRef) is required");
        }
        String siteName = text(site, "@name") != null ? text(site, "@name") : "unknown";
        List<JsonNode> instances = instances(alert.get("instances"));
        String location = instances.isEmpty() ? null : text(instances.get(0), "uri");
        Double cwe = number(alert, "cweid");
        Double risk = number(alert, "riskcode");
        Double confidence = number(alert, "confidence");
        String description = plain(text(alert, "desc"));
        String other = plain(text(alert, "otherinfo"));
        if (other != null) {
            description = description == null ? other : description + "\n\n" + other;
        }
        return new NormalizedFinding("zap", Fingerprint.of("zap", siteName, ref),
                NormalizedFinding.VULNERABILITY, severity(risk), confidence != null && confidence == 0
                        ? NormalizedFinding.SUPPRESSED
                        : NormalizedFinding.NEW,
                ref, name, description, "OWASP ZAP", ref,
                List.of(new NormalizedFinding.Resource(siteName, "web-application", text(site, "@host"), null, null)),
                cwe == null || cwe <= 0
                        ? List.of()
                        : List.of(new NormalizedFinding.Vulnerability(null, "CWE-" + cwe.longValue(), null, null, null,
                                null, null, null)),
                plain(text(alert, "solution")), List.of(), location, null, ReportFields.raw(alert));
    }

    /** The JSON report's array, or the XML report's {@code <instances><instance>} (one or many). */
    private static List<JsonNode> instances(JsonNode instances) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = instances != null && instances.isObject() ? instances.get("instance") : instances;
        if (list != null && list.isObject()) {
            out.add(list);
        }
        elements(list).forEach(out::add);
        return out;
    }

    /** riskcode 0 informational, 1 low, 2 medium, 3 high. */
    static int severity(Double risk) {
        if (risk == null) {
            return Severity.UNKNOWN;
        }
        return switch (risk.intValue()) {
            case 0 -> Severity.INFORMATIONAL;
            case 1 -> Severity.LOW;
            case 2 -> Severity.MEDIUM;
            case 3 -> Severity.HIGH;
            default -> Severity.UNKNOWN;
        };
    }

    /** ZAP writes descriptions as HTML paragraphs: kept as text. */
    static String plain(String html) {
        if (html == null) {
            return null;
        }
        String text = TAG.matcher(html.replace("</p><p>", "\n")).replaceAll("").strip();
        return text.isEmpty() ? null : text;
    }
}
