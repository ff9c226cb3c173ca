package io.pillar.findings.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pillar.findings.parser.NormalizedFinding;

class BestPracticesTest {
    private final BestPractices bestPractices = new BestPractices();

    @Test
    void aControlNamedByABestPracticeIdIsEvidenceForIt() {
        String[] ids = bestPractices.of(finding("odd-rule", "Something unusual", List.of("SEC08-BP02", "CIS 2.1.1",
                "SEC99-BP99")));
        assertTrue(Arrays.asList(ids).contains("SEC08-BP02"), Arrays.toString(ids));
        assertTrue(!Arrays.asList(ids).contains("SEC99-BP99"), "ids outside the catalog are not evidence");
    }

    @Test
    void aFindingWithoutMappedWordsOrControlsHasNone() {
        assertArrayEquals(new String[0], bestPractices.of(finding("zz", "zz", List.of())));
    }

    @Test
    void aMappedWordCountsWhereAWordOfTheTextBeginsWithIt() {
        assertTrue(has(bestPractices.of(finding("generic-api-key", "Leaked token", List.of())), "SEC02-BP03"));
        assertTrue(has(bestPractices.of(finding("r", "Tokens found in logs", List.of())), "SEC02-BP03"),
                "a longer word that begins with the mapped one");
        assertTrue(has(bestPractices.of(finding("r", "x-Token in a header", List.of())), "SEC02-BP03"),
                "after punctuation, in any case");
        assertTrue(!has(bestPractices.of(finding("r", "Detokenized output", List.of())), "SEC02-BP03"),
                "not inside another word");
    }

    private static boolean has(String[] ids, String id) {
        return Arrays.asList(ids).contains(id);
    }

    private static NormalizedFinding finding(String rule, String title, List<String> compliance) {
        return new NormalizedFinding("pillar", "fp", NormalizedFinding.DETECTION, 3, NormalizedFinding.NEW, null,
                title, null, "pillar-inventory", rule, List.of(new NormalizedFinding.Resource("r", null, null, null,
                        null)),
                List.of(), null, compliance, null, null, new byte[0]);
    }
}
