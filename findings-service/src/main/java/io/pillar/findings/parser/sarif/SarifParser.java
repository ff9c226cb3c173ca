package io.pillar.findings.parser.sarif;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.Severity;

/**
 * SARIF 2.1.0: every result of every run, with its rule (from the driver or an extension), first location,
 * fingerprints and suppressions. Results are streamed; a run whose results come before its tool is held until the tool
 * is read. Severity: the rule's security-severity score when given, else the level (error high, warning medium, note
 * low, none informational). Fingerprint: tool, rule, artifact URI, and the result's fingerprints or partial
 * fingerprints when present, else start line and message.
 */
@ApplicationScoped
public class SarifParser implements FindingParser {
    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public int detect(ReportHead head) {
        int score = 0;
        if (head.key("runs")) {
            score += 40;
        }
        if (head.has("sarif-schema") || head.has("sarif-2.1") || head.has("/sarif")) {
            score += 50;
        }
        if (head.keyValue("version", "2.1.0")) {
            score += 20;
        }
        return head.key("runs") ? score : 0;
    }

    @Override
    public void parse(InputStream report, FindingSink sink) throws IOException, MalformedReportException {
        JsonReport.read(report, p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw JsonReport.malformed(p, "expected a SARIF log: a JSON object with \"runs\"");
            }
            boolean runs = false;
            long[] index = {0};
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("version") && value == JsonToken.VALUE_STRING && !p.getText().equals("2.1.0")) {
                    throw JsonReport.malformed(p, "expected SARIF version 2.1.0, found " + p.getText());
                } else if (key.equals("runs") && value == JsonToken.START_ARRAY) {
                    runs = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readRun(p, sink, index);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!runs) {
                throw JsonReport.malformed(p, "expected a SARIF log: a JSON object with a \"runs\" array");
            }
            JsonReport.expectEnd(p, "SARIF log");
        });
    }

    private void readRun(JsonParser p, FindingSink sink, long[] index) throws IOException {
        SarifRun run = null;
        List<JsonNode> early = new ArrayList<>();
        JsonNode provenance = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (key.equals("tool") && value == JsonToken.START_OBJECT) {
                JsonNode tool = p.readValueAsTree();
                try {
                    run = new SarifRun(tool, provenance);
                } catch (IllegalArgumentException e) {
                    throw JsonReport.malformed(p,
                            "expected a SARIF run whose tool names its driver: " + e.getMessage());
                }
                for (JsonNode result : early) {
                    emit(run, result, index[0]++, sink);
                }
                early.clear();
            } else if (key.equals("versionControlProvenance") && value == JsonToken.START_ARRAY) {
                provenance = p.readValueAsTree();
            } else if (key.equals("results") && value == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        sink.reject(index[0]++, "expected a result object, found " + t);
                    } else if (run == null) {
                        early.add(p.readValueAsTree());
                    } else {
                        emit(run, p.readValueAsTree(), index[0]++, sink);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        for (JsonNode result : early) {
            sink.reject(index[0]++, "the run has no tool: a SARIF run must name its tool.driver");
        }
    }

    private static void emit(SarifRun run, JsonNode result, long index, FindingSink sink) {
        try {
            sink.accept(run.map(result));
        } catch (IllegalArgumentException e) {
            sink.reject(index, e.getMessage());
        }
    }

}
