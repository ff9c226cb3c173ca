package io.pillar.findings.parser.zap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.Parsing;
import io.pillar.findings.parser.Severity;

class ZapParserTest {

    @Test
    void noFindings() throws Exception {
        var out = Parsing.fixture("zap", "no_findings.xml");
        assertEquals(0, out.findings.size());
        assertEquals(0, out.rejections.size());
    }

    @Test
    void anXmlAlertWithItsInstance() throws Exception {
        NormalizedFinding f = Parsing.fixture("zap", "one_finding.xml").findings.get(0);
        assertEquals("Content Security Policy (CSP) Header Not Set", f.title());
        assertEquals(Severity.MEDIUM, f.severityId());
        assertEquals("10038-1", f.ruleUid());
        assertEquals("https://shop.example.com", f.resources().get(0).uid());
        assertEquals("https://shop.example.com/checkout", f.location());
        assertEquals("CWE-693", f.vulnerabilities().get(0).cwe());
        assertEquals("Content Security Policy is an added layer of security.", f.description(), "HTML as text");
        assertEquals("Set the Content-Security-Policy header.", f.remediation());
        assertTrue(
                new String(f.raw(), StandardCharsets.UTF_8).contains("\"uri\":\"https://shop.example.com/checkout\""));
    }

    @Test
    void aJsonReportWithTwoSites() throws Exception {
        var out = Parsing.fixture("zap", "many_findings.json");
        assertEquals(4, out.findings.size());
        assertEquals(1, out.rejections.size());
        assertEquals(2, out.rejections.get(0).index());
        NormalizedFinding csrf = out.findings.get(0);
        assertEquals("https://shop.example.com/login", csrf.location());
        assertEquals("Use a vetted library.\nAdd tokens to every form.", csrf.remediation());
        assertTrue(csrf.description().endsWith("Found in 2 forms."));
        assertEquals(NormalizedFinding.SUPPRESSED, out.findings.get(1).sourceStatus(), "confidence 0: false positive");
        assertEquals(Severity.INFORMATIONAL, out.findings.get(2).severityId());
        NormalizedFinding otherSite = out.findings.get(3);
        assertEquals("https://api.example.com", otherSite.resources().get(0).uid());
        assertNotEquals(csrf.fingerprint(), otherSite.fingerprint(), "the same alert on another site");
    }

    @Test
    void xmlWithADtdIsRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <OWASPZAPReport><site name="s"><alerts><alertitem><alert>&x;</alert><pluginid>1</pluginid>
                </alertitem></alerts></site></OWASPZAPReport>
                """;
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new ZapParser(), xxe));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
    }

    @Test
    void deepNestingAndBrokenXmlAreRefusedWithTheirPlace() {
        String deep = "<OWASPZAPReport><site name=\"s\"><alerts><alertitem>" + "<a>".repeat(100) + "</a>".repeat(100)
                + "</alertitem></alerts></site></OWASPZAPReport>";
        MalformedReportException e = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new ZapParser(), deep));
        assertTrue(e.getMessage().contains("deeper than"), e.getMessage());
        MalformedReportException broken = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new ZapParser(), "<OWASPZAPReport>\n<site name=\"s\"><alerts></site>"));
        assertEquals(2, broken.line(), broken.getMessage());
        MalformedReportException other = assertThrows(MalformedReportException.class,
                () -> Parsing.parse(new ZapParser(), "<nessus/>"));
        assertTrue(other.getMessage().contains("<OWASPZAPReport>"), other.getMessage());
    }
}
