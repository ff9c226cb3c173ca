package io.pillar.findings.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
    @Test
    void idsAreVersion7WithTheirTimestampFirst() {
        long at = 1_764_000_000_123L;
        UUID id = TimeOrderedIds.at(at);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        UUID earlier = TimeOrderedIds.at(1_764_000_000_000L);
        UUID later = TimeOrderedIds.at(1_764_000_000_001L);
        // PostgreSQL orders uuids by their bytes, as their text form sorts
        assertTrue(earlier.toString().compareTo(later.toString()) < 0);
    }
}
