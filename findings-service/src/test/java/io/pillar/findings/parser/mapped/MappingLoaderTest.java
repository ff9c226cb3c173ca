package io.pillar.findings.parser.mapped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.Severity;

/** Mapping files: what loads, and for what does not, the line and the reason. */
class MappingLoaderTest {
    private static final String VALID = """
            format: acme
            title: Acme
            class: vulnerability
            detect:
              marks: [acme_version, issues]
            records: [issues]
            fields:
              title: record.name
              rule: record.id
              severity: record.level
              resource: record.host
              first_seen: >-
                has(record.seen) ? record.seen : ""
            fingerprint: [record.host, record.id]
            examples:
              - input: '{"acme_version": "1", "issues": [{"id": "A1", "name": "n", "level": "high", "host": "h"}]}'
                findings:
                  - title: n
                    severity: high
                    fingerprint_of: [h, A1]
            """;

    private static MappedFormat load(String text) throws MappingException {
        return MappingLoader.parse("acme.yaml", text, Set.of("trivy"), id -> id.equals("SEC06-BP01"));
    }

    private static MappingException refused(String text) {
        return assertThrows(MappingException.class, () -> load(text));
    }

    @Test
    void aValidMappingReadsRecordsAndRejectsWhatItCannotMap() throws Exception {
        MappedFormat acme = load(VALID);
        assertEquals("acme", acme.format());
        assertTrue(acme.detect(new ReportHead("{\"acme_version\": 1, \"issues\": []}")) > 0);
        var out = Parsing.parse(acme, """
                {"acme_version": "2", "issues": [
                  {"id": "A1", "name": "first", "level": 9.1, "host": "h1", "seen": "2026-11-20T10:00:00Z"},
                  {"id": "A2", "level": "low", "host": "h2"},
                  {"id": "A3", "name": "third", "level": 5, "host": "h3"}]}
                """);
        assertEquals(2, out.findings.size());
        NormalizedFinding first = out.findings.get(0);
        assertEquals(Severity.CRITICAL, first.severityId(), "a score");
        assertEquals(java.time.Instant.parse("2026-11-20T10:00:00Z"), first.firstSeen());
        assertEquals(Severity.CRITICAL, out.findings.get(1).severityId(), "a severity_id");
        assertEquals(1, out.rejections.size());
        assertEquals(1, out.rejections.get(0).index());
        assertTrue(out.rejections.get(0).reason().startsWith("title: "), out.rejections.get(0).reason());
    }

    @Test
    void brokenMappingsSayWhereAndWhy() {
        MappingException e = refused(VALID.replace("severity: record.level", "severity: record.level +"));
        assertEquals(10, e.line());
        assertTrue(e.reason().startsWith("severity does not compile"), e.reason());
        e = refused(VALID.replace("  resource: record.host", "  host: record.host"));
        assertEquals(11, e.line());
        assertTrue(e.reason().contains("unknown field 'host'"), e.reason());
        e = refused(VALID.replace("  rule: record.id\n", ""));
        assertTrue(e.reason().contains("fields.rule is required"), e.reason());
        e = refused(VALID.replace("format: acme", "format: trivy"));
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("built-in"));
        e = refused(VALID.replace("title: n\n", "title: m\n"));
        assertEquals(18, e.line());
        assertTrue(e.reason().contains("examples[0].findings[0].title is 'n', expected 'm'"), e.reason());
        e = refused(VALID.replace("marks: [acme_version, issues]", "marks: [acme_release, issues]"));
        assertTrue(e.reason().contains("not detected"), e.reason());
        e = refused(VALID + "best_practices: [SEC99-BP01]\n");
        assertTrue(e.reason().contains("SEC99-BP01"), e.reason());
        e = refused("format: [unclosed\n");
        assertTrue(e.reason().startsWith("not valid YAML"), e.reason());
        e = refused(VALID.replace("records: [issues]", "records: [\"issues//x\"]"));
        assertTrue(e.reason().contains("record path"), e.reason());
    }

    @Test
    void anXmlMappingReadsElementsWithTheirParent() throws Exception {
        MappedFormat xml = load("""
                format: acme
                title: Acme XML
                class: compliance
                input: xml
                detect:
                  marks: ["<acmeReport", "<check"]
                records: [acmeReport/host/checks/check]
                fields:
                  title: record.title
                  rule: record["@id"]
                  severity: record.severity
                  resource: parent["@name"]
                  status: >-
                    record["@result"] == "pass" ? "resolved" : "new"
                fingerprint:
                  - parent["@name"]
                  - record["@id"]
                examples:
                  - input: |
                      <acmeReport version="1"><host name="web-1"><checks>
                        <check id="C1" result="fail"><title>TLS 1.0 enabled</title><severity>high</severity></check>
                        <check id="C2" result="pass"><title>Password policy</title><severity>low</severity></check>
                      </checks></host></acmeReport>
                    findings:
                      - title: TLS 1.0 enabled
                        resource: web-1
                        status: new
                      - rule: C2
                        status: resolved
                """);
        assertEquals(MappedFormat.Input.XML, xml.input());
        assertEquals(0, xml.detect(new ReportHead("{\"acmeReport\": 1, \"check\": 2}")), "XML marks need XML");
    }

    @Test
    void aFolderKeepsWhatLoadsAndSaysWhatDoesNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("acme.yaml"), VALID);
        Files.writeString(dir.resolve("broken.yaml"), VALID.replace("format: acme", "format: other")
                .replace("record.name", "record.name +"));
        Files.writeString(dir.resolve("again.yaml"), VALID);
        Files.writeString(dir.resolve("notes.txt"), "not a mapping");
        MappingLoader.Result result = MappingLoader.loadFolder(dir, Set.of(), id -> true);
        assertEquals(1, result.formats().size());
        assertEquals(2, result.errors().size());
        assertEquals("again.yaml", result.errors().get(0).source());
        assertTrue(result.errors().get(0).reason().contains("already defined by acme.yaml"));
        assertEquals("broken.yaml", result.errors().get(1).source());
    }
}
