package io.pillar.findings.mapping;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.parser.Fingerprint;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.repository.FindingRow;
import io.pillar.platform.json.Json;

/** Normalized findings as rows to write: JSON columns, a hash of the content, the raw record deflated. */
public final class FindingRows {
    private static final ObjectMapper JSON = Json.SNAKE_CASE;

    public static FindingRow of(NormalizedFinding f, String[] bestPractices, String scope, String team) {
        String resources = json(f.resources());
        String vulnerabilities = json(f.vulnerabilities());
        ObjectNode content = JSON.createObjectNode()
                .put("class_uid", f.classUid()).put("severity_id", f.severityId())
                .put("source_status", f.sourceStatus())
                .put("uid", f.uid()).put("title", f.title()).put("description", f.description())
                .put("product", f.product()).put("rule", f.ruleUid()).put("remediation", f.remediation())
                .put("location", f.location()).put("resources", resources).put("vulnerabilities", vulnerabilities)
                .put("compliance", String.join("\n", f.compliance()))
                .put("best_practices", String.join(",", bestPractices));
        return new FindingRow(null, f.fingerprint(), f.classUid(), truncate(f.title(), 2000), f.description(),
                f.severityId(), f.sourceStatus(), truncate(f.product(), 200), truncate(f.ruleUid(), 500), team,
                f.firstSeen(), f.format(), f.uid(), resources, vulnerabilities, f.remediation(),
                f.compliance().toArray(String[]::new), bestPractices, f.location(), scope,
                Fingerprint.sha256Hex(json(content).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                deflate(f.raw()), Fingerprint.sha256Hex(f.raw()));
    }

    public static FindingRow withNewId(FindingRow row) {
        return row.withId(TimeOrderedIds.next());
    }

    /** One deflater per thread, reset after each use: making one allocates zlib's state, more work than the record. */
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal
            .withInitial(() -> new Deflater(Deflater.BEST_SPEED));

    static byte[] deflate(byte[] raw) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }

    /** The raw record as it was reported, from its deflated form. */
    public static byte[] inflate(byte[] deflated) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 3);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored raw record is cut short");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("a stored raw record is not deflated data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FindingRows() {
    }
}
