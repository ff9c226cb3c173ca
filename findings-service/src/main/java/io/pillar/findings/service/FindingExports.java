package io.pillar.findings.service;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.findings.Finding;
import io.pillar.findings.mapping.FindingEvents;
import io.pillar.findings.mapping.FindingFilter;
import io.pillar.findings.mapping.FindingSort;
import io.pillar.findings.parser.Severity;
import io.pillar.platform.json.Json;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Exports of the findings a filter matches, written as they are read (a thousand at a time, each page in its own
 * transaction), never held whole: CSV (one row per finding; cells that a spreadsheet would run as a formula are
 * prefixed with a quote) or OCSF JSON (an array of OCSF finding objects, as on pillar.findings.events).
 */
@ApplicationScoped
public class FindingExports {
    private static final int PAGE = 1_000;
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final List<String> COLUMNS = List.of("id", "title", "severity", "status", "status_reason",
            "product", "rule", "team", "resources", "cves", "best_practices", "compliance", "first_seen",
            "last_seen", "occurrences");

    @Inject
    FindingQueries queries;

    public StreamingOutput csv(SecurityIdentity caller, FindingFilter filter) {
        return out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(String.join(",", COLUMNS));
            w.write("\r\n");
            each(caller, filter, f -> {
                List<String> cells = List.of(f.id.toString(), f.title, Severity.label(f.severityId), f.status,
                        nullToEmpty(f.statusReason), f.product, nullToEmpty(f.ruleUid), nullToEmpty(f.team),
                        values(f.resources, "uid"), values(f.vulnerabilities, "cve"), join(f.bestPractices),
                        join(f.compliance), String.valueOf(f.firstSeen), String.valueOf(f.lastSeen),
                        Integer.toString(f.occurrences));
                List<String> escaped = new ArrayList<>(cells.size());
                cells.forEach(c -> escaped.add(cell(c)));
                w.write(String.join(",", escaped));
                w.write("\r\n");
            });
            w.flush();
        };
    }

    public StreamingOutput ocsf(SecurityIdentity caller, FindingFilter filter) {
        return out -> {
            try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.writeStartArray();
                each(caller, filter, f -> FindingEvents.writeOcsf(g, f));
                g.writeEndArray();
            }
        };
    }

    private interface Each {
        void accept(Finding f) throws java.io.IOException;
    }

    private void each(SecurityIdentity caller, FindingFilter filter, Each action) throws java.io.IOException {
        FindingSort.After after = null;
        while (true) {
            List<Finding> page = queries.chunk(caller, filter, after, PAGE);
            for (Finding f : page) {
                action.accept(f);
            }
            if (page.size() < PAGE) {
                return;
            }
            Finding last = page.get(page.size() - 1);
            after = new FindingSort.After(last.severityId, last.createdAt, last.id);
        }
    }

    /** RFC 4180 quoting; a leading =, +, - or @ (a formula to spreadsheets) is defused with a quote. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String values(String json, String field) {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode e : JSON.readTree(json == null ? "[]" : json)) {
                if (e.hasNonNull(field)) {
                    out.add(e.get(field).asText());
                }
            }
            return String.join(";", out);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String join(String[] values) {
        return values == null ? "" : String.join(";", values);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
