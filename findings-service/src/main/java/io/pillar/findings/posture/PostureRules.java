package io.pillar.findings.posture;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules that turn a best practice's evidence into its status, in this order (docs/posture.md):
 * <ol>
 * <li>{@code not_applicable}: an attestation in force says so;</li>
 * <li>{@code high_risk}: an open critical or high finding, or a measure failing with high risk;</li>
 * <li>{@code medium_risk}: an open medium finding, or a measure failing with medium risk;</li>
 * <li>{@code met}: a source observed the scope (a finding of the practice seen within the evidence window, a rule or
 * check that evaluated subjects there, a measure that passed) or an attestation in force says it is met;</li>
 * <li>{@code no_evidence}: nothing of the above. An expired attestation counts as none.</li>
 * </ol>
 * Open low and informational findings are shown but move no status; accepted risks, suppressed and false positive
 * findings are not open.
 */
public final class PostureRules {
    public static final String MET = "met";
    public static final String HIGH_RISK = "high_risk";
    public static final String MEDIUM_RISK = "medium_risk";
    public static final String NO_EVIDENCE = "no_evidence";
    public static final String NOT_APPLICABLE = "not_applicable";

    /** Open findings of the practice by severity, and how many of its findings were seen within the window. */
    public record Findings(long critical, long high, long medium, long low, long seenRecently) {
        public static final Findings NONE = new Findings(0, 0, 0, 0, 0);

        long open() {
            return critical + high + medium + low;
        }
    }

    /** What one source observed: kind "findings" (coverage only) or "measure" (failing and risk). */
    public record Observed(String service, String sourceId, String kind, long evaluated, long failing, String risk,
            String detail) {
    }

    /** An attestation's bearing: "met" or "not_applicable", and whether it is in force. */
    public record Attested(String status, boolean inForce) {
    }

    /** The status, and the reasons for it in the order the rules weighed them. */
    public record Verdict(String status, List<String> reasons) {
    }

    public static Verdict judge(Findings findings, List<Observed> observed, Attested attested) {
        List<String> reasons = new ArrayList<>();
        if (attested != null && attested.inForce() && NOT_APPLICABLE.equals(attested.status())) {
            reasons.add("attested not applicable");
            return new Verdict(NOT_APPLICABLE, reasons);
        }
        String status = null;
        if (findings.critical() + findings.high() > 0) {
            reasons.add((findings.critical() + findings.high()) + " open critical or high finding(s)");
            status = HIGH_RISK;
        }
        for (Observed o : failing(observed, "high")) {
            reasons.add(o.sourceId() + ": " + o.detail());
            status = HIGH_RISK;
        }
        if (findings.medium() > 0) {
            reasons.add(findings.medium() + " open medium finding(s)");
            status = status == null ? MEDIUM_RISK : status;
        }
        for (Observed o : failing(observed, "medium")) {
            reasons.add(o.sourceId() + ": " + o.detail());
            status = status == null ? MEDIUM_RISK : status;
        }
        if (status != null) {
            return new Verdict(status, reasons);
        }
        boolean observedHere = findings.seenRecently() > 0 || findings.open() > 0
                || observed.stream().anyMatch(o -> o.evaluated() > 0);
        if (observedHere) {
            reasons.add("observed: " + observed.stream().filter(o -> o.evaluated() > 0).count() + " source(s), "
                    + findings.seenRecently() + " finding(s) seen within the window, none at risk");
            return new Verdict(MET, reasons);
        }
        if (attested != null && attested.inForce()) {
            reasons.add("attested met");
            return new Verdict(MET, reasons);
        }
        reasons.add(attested != null ? "the attestation expired and nothing else observed it" : "nothing observed it");
        return new Verdict(NO_EVIDENCE, reasons);
    }

    private static List<Observed> failing(List<Observed> observed, String risk) {
        return observed.stream().filter(o -> "measure".equals(o.kind()) && o.failing() > 0 && risk.equals(o.risk()))
                .toList();
    }

    private PostureRules() {
    }
}
