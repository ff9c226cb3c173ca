package io.pillar.findings.parser.trivy;

import static io.pillar.findings.parser.ReportFields.text;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportFields;

/**
 * Trivy Operator's reports, the custom resources it keeps in a cluster (API group {@code aquasecurity.github.io}):
 * VulnerabilityReport, ConfigAuditReport, RbacAssessmentReport, InfraAssessmentReport, ExposedSecretReport and their
 * cluster-scoped kinds, as {@code kubectl get ... -o json} prints one or a List of them. Each entry is mapped as the
 * Trivy CLI's counterpart (its fields renamed to the CLI's), and kept as the operator wrote it. The resource is the
 * workload the report is about, {@code k8s:<namespace>/<kind>/<name>} as for the CLI's Kubernetes reports.
 */
final class OperatorReports {
    static final String API_GROUP = "aquasecurity.github.io/";

    static boolean isOperatorApi(String apiVersion) {
        return apiVersion != null && apiVersion.startsWith(API_GROUP);
    }

    /** Every entry of one report resource ({@code kind}, {@code metadata}, {@code report}). */
    static void read(JsonNode resource, long[] index, FindingSink sink) {
        JsonNode metadata = resource.path("metadata");
        JsonNode labels = metadata.path("labels");
        String namespace = label(labels, "resource.namespace", text(metadata, "namespace"));
        String kind = label(labels, "resource.kind", null);
        String name = label(labels, "resource.name", text(metadata, "name"));
        String workload = "k8s:" + (namespace == null ? "" : namespace) + "/" + (kind == null ? "" : kind) + "/"
                + (name == null ? "" : name);
        NormalizedFinding.Resource asset = new NormalizedFinding.Resource(workload, "kubernetes-workload",
                (kind == null ? "" : kind + "/") + name, null, null);
        JsonNode report = resource.path("report");
        String image = image(report);
        String target = image != null ? image : (kind == null ? "" : kind + "/") + name;
        for (JsonNode v : ReportFields.elements(report.get("vulnerabilities"))) {
            TrivyParser.emit(index, sink,
                    () -> TrivyParser.vulnerability(asset, target, cliVulnerability(v)).withRaw(ReportFields.raw(v)));
        }
        for (JsonNode c : ReportFields.elements(report.get("checks"))) {
            TrivyParser.emit(index, sink,
                    () -> TrivyParser.misconfiguration(asset, target, cliCheck(c)).withRaw(ReportFields.raw(c)));
        }
        for (JsonNode s : ReportFields.elements(report.get("secrets"))) {
            String in = text(s, "target") != null ? text(s, "target") : target;
            ObjectNode kept = s.deepCopy();
            kept.remove("match"); // the secret itself: never kept
            TrivyParser.emit(index, sink,
                    () -> TrivyParser.secret(asset, in, cliSecret(s)).withRaw(ReportFields.raw(kept)));
        }
    }

    /** The operator's labels are prefixed {@code trivy-operator.}. */
    private static String label(JsonNode labels, String name, String otherwise) {
        String value = text(labels, "trivy-operator." + name);
        return value != null ? value : otherwise;
    }

    /** registry/repository:tag (or @digest) of a vulnerability report's image, or null. */
    private static String image(JsonNode report) {
        String repository = text(report, "artifact", "repository");
        if (repository == null) {
            return null;
        }
        String server = text(report, "registry", "server");
        String tag = text(report, "artifact", "tag");
        String digest = text(report, "artifact", "digest");
        return (server == null ? "" : server + "/") + repository
                + (tag != null ? ":" + tag : digest != null ? "@" + digest : "");
    }

    private static ObjectNode cliVulnerability(JsonNode v) {
        ObjectNode cli = renamed(v, "vulnerabilityID", "VulnerabilityID", "resource", "PkgName", "installedVersion",
                "InstalledVersion", "fixedVersion", "FixedVersion", "severity", "Severity", "title", "Title",
                "description", "Description", "primaryLink", "PrimaryURL");
        if (v.path("score").isNumber()) {
            cli.putObject("CVSS").putObject("trivy-operator").put("V3Score", v.get("score").asDouble());
        }
        return cli;
    }

    private static ObjectNode cliCheck(JsonNode c) {
        ObjectNode cli = renamed(c, "checkID", "ID", "title", "Title", "severity", "Severity", "description",
                "Description", "remediation", "Resolution");
        List<String> messages = ReportFields.texts(c.get("messages"));
        if (!messages.isEmpty()) {
            cli.put("Message", String.join("; ", messages));
        }
        if (c.path("success").isBoolean()) {
            cli.put("Status", c.get("success").asBoolean() ? "PASS" : "FAIL");
        }
        return cli;
    }

    private static ObjectNode cliSecret(JsonNode s) {
        return renamed(s, "ruleID", "RuleID", "title", "Title", "category", "Category", "severity", "Severity");
    }

    /** The fields of {@code from} under the CLI's names, given as pairs: the operator's name, then the CLI's. */
    private static ObjectNode renamed(JsonNode from, String... operatorThenCli) {
        ObjectNode cli = JsonReport.MAPPER.createObjectNode();
        for (int i = 0; i < operatorThenCli.length; i += 2) {
            JsonNode value = from.get(operatorThenCli[i]);
            if (value != null && !value.isNull()) {
                cli.set(operatorThenCli[i + 1], value);
            }
        }
        return cli;
    }

    private OperatorReports() {
    }
}
