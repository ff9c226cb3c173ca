package io.pillar.findings.posture;

import static io.pillar.findings.posture.PostureRules.HIGH_RISK;
import static io.pillar.findings.posture.PostureRules.MEDIUM_RISK;
import static io.pillar.findings.posture.PostureRules.MET;
import static io.pillar.findings.posture.PostureRules.NOT_APPLICABLE;
import static io.pillar.findings.posture.PostureRules.NO_EVIDENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.findings.posture.PostureRules.Attested;
import io.pillar.findings.posture.PostureRules.Findings;
import io.pillar.findings.posture.PostureRules.Observed;

class PostureRulesTest {
    private static final Observed RULE_RAN = new Observed("inventory-service", "rule/x", "findings", 12, 0, "", "ran");
    private static final Observed NOTHING_EVALUATED = new Observed("inventory-service", "rule/x", "findings", 0, 0,
            "", "none");

    private static Observed measure(long failing, String risk) {
        return new Observed("response-service", "measure/m", "measure", 3, failing, risk, "m says so");
    }

    @Test
    void nothingObservedIsNoEvidenceAndAnExpiredAttestationCountsAsNone() {
        assertEquals(NO_EVIDENCE, PostureRules.judge(Findings.NONE, List.of(), null).status());
        assertEquals(NO_EVIDENCE, PostureRules.judge(Findings.NONE, List.of(NOTHING_EVALUATED), null).status());
        var expired = PostureRules.judge(Findings.NONE, List.of(), new Attested(MET, false));
        assertEquals(NO_EVIDENCE, expired.status());
        assertTrue(expired.reasons().get(0).contains("expired"), expired.reasons().toString());
        assertEquals(NO_EVIDENCE,
                PostureRules.judge(Findings.NONE, List.of(), new Attested(NOT_APPLICABLE, false)).status());
    }

    @Test
    void aSourceThatLookedAndFoundNothingOpenMeetsIt() {
        assertEquals(MET, PostureRules.judge(Findings.NONE, List.of(RULE_RAN), null).status());
        assertEquals(MET, PostureRules.judge(new Findings(0, 0, 0, 0, 4), List.of(), null).status(),
                "findings seen within the window, all closed");
        assertEquals(MET, PostureRules.judge(new Findings(0, 0, 0, 2, 2), List.of(), null).status(),
                "open low findings move no status");
        assertEquals(MET, PostureRules.judge(Findings.NONE, List.of(measure(0, "high")), null).status());
        assertEquals(MET, PostureRules.judge(Findings.NONE, List.of(), new Attested(MET, true)).status());
    }

    @Test
    void openFindingsAndFailingMeasuresAreRiskTheWorstWinning() {
        assertEquals(HIGH_RISK, PostureRules.judge(new Findings(1, 0, 0, 0, 1), List.of(RULE_RAN), null).status());
        assertEquals(HIGH_RISK, PostureRules.judge(new Findings(0, 2, 5, 0, 7), List.of(), null).status());
        assertEquals(MEDIUM_RISK, PostureRules.judge(new Findings(0, 0, 1, 0, 1), List.of(), null).status());
        assertEquals(MEDIUM_RISK, PostureRules.judge(Findings.NONE, List.of(measure(2, "medium")), null).status());
        var worst = PostureRules.judge(new Findings(0, 0, 1, 0, 1), List.of(measure(1, "high")), null);
        assertEquals(HIGH_RISK, worst.status());
        assertEquals(2, worst.reasons().size(), worst.reasons().toString());
        assertTrue(worst.reasons().get(0).startsWith("measure/m"), worst.reasons().toString());
    }

    @Test
    void evidenceOfRiskOutweighsAnAttestationThatItIsMetButNotApplicableOutweighsAll() {
        assertEquals(HIGH_RISK,
                PostureRules.judge(new Findings(0, 1, 0, 0, 1), List.of(), new Attested(MET, true)).status());
        assertEquals(NOT_APPLICABLE, PostureRules.judge(new Findings(0, 1, 0, 0, 1), List.of(),
                new Attested(NOT_APPLICABLE, true)).status());
    }
}
