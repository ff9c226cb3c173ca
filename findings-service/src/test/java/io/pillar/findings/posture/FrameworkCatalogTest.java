package io.pillar.findings.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameworkCatalogTest {
    @Test
    void theCatalogInForceHasElevenQuestionsAndSixtyThreePractices() {
        FrameworkCatalog catalog = FrameworkCatalog.inForce();
        assertEquals(11, catalog.questions().size());
        assertEquals(63, catalog.practices().size());
        assertEquals("2024-06-27", catalog.shortVersion());
        assertEquals("SEC07", catalog.practices().get("SEC07-BP01").questionId());
    }
}
