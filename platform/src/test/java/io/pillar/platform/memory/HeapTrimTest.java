package io.pillar.platform.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapTrimTest {
    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void anIdleProcessWithSlackIsCollectedOnceUntilItWorksAgain() {
        HeapTrim trim = new HeapTrim(0.02, 64);
        assertFalse(trim.due(0, 0, 500 * MIB, 100 * MIB), "the first look only takes the CPU reading");
        assertTrue(trim.due(SECOND / 1000, 30 * SECOND, 500 * MIB, 100 * MIB), "idle with 400 MiB slack");
        assertFalse(trim.due(2 * SECOND / 1000, 60 * SECOND, 500 * MIB, 100 * MIB), "once per idle spell");
        assertFalse(trim.due(20 * SECOND, 90 * SECOND, 500 * MIB, 100 * MIB), "busy: 60% of a core");
        assertTrue(trim.due(20 * SECOND + 1000, 120 * SECOND, 500 * MIB, 100 * MIB), "idle again after work");
    }

    @Test
    void littleSlackIsLeftAlone() {
        HeapTrim trim = new HeapTrim(0.02, 64);
        trim.due(0, 0, 120 * MIB, 100 * MIB);
        assertFalse(trim.due(1000, 30 * SECOND, 120 * MIB, 100 * MIB));
    }
}
