package io.pillar.findings.parser;

import java.time.Instant;
import java.util.List;

/**
 * A finding as Pillar keeps it, aligned with OCSF: class (2002 vulnerability, 2003 compliance, 2004 detection),
 * severity_id (0 unknown, 1 informational, 2 low, 3 medium, 4 high, 5 critical, 6 fatal, 99 other), the source's own
 * finding id, what it is about, and the record as received.
 *
 * @param fingerprint deterministic identity across reports (see {@link Fingerprint}), documented per format
 * @param sourceStatus what the source says of it: {@code new}, {@code resolved} (check passed, finding archived or
 *        fixed) or {@code suppressed} (suppressed in the tool)
 * @param location where in code or configuration (file:line), if the format has one
 * @param raw the record as received (compact JSON, key order kept)
 */
public record NormalizedFinding(
        String format,
        String fingerprint,
        int classUid,
        int severityId,
        String sourceStatus,
        String uid,
        String title,
        String description,
        String product,
        String ruleUid,
        List<Resource> resources,
        List<Vulnerability> vulnerabilities,
        String remediation,
        List<String> compliance,
        String location,
        Instant firstSeen,
        byte[] raw) {

    public static final int VULNERABILITY = 2002;
    public static final int COMPLIANCE = 2003;
    public static final int DETECTION = 2004;
    public static final String NEW = "new";
    public static final String RESOLVED = "resolved";
    public static final String SUPPRESSED = "suppressed";

    /** The same finding, kept as {@code raw} was received (when a parser maps a record through another shape). */
    public NormalizedFinding withRaw(byte[] raw) {
        return new NormalizedFinding(format, fingerprint, classUid, severityId, sourceStatus, uid, title, description,
                product, ruleUid, resources, vulnerabilities, remediation, compliance, location, firstSeen, raw);
    }

    /** What a finding is about: an OCSF resource. */
    public record Resource(String uid, String type, String name, String region, String account) {
    }

    /** OCSF vulnerability details: CVE, CWE, CVSS, EPSS and the affected package. */
    public record Vulnerability(String cve, String cwe, String cvssVector, Double cvssScore, Double epss,
            String packageName, String installedVersion, String fixedVersion) {
    }
}
