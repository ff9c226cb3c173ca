package io.pillar.platform.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HeapTrimTest {
    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aProcessIdleForAWhileWithSlackIsCollectedOnceUntilItWorksAgain() {
        HeapTrim trim = new HeapTrim(0.10, Duration.ofSeconds(60), 64);
        assertFalse(trim.due(0, 0, 500 * MIB, 100 * MIB), "the first look only takes the CPU reading");
        assertFalse(trim.due(SECOND / 100, 30 * SECOND, 500 * MIB, 100 * MIB), "idle for 30 s only");
        assertTrue(trim.due(SECOND / 50, 60 * SECOND, 500 * MIB, 100 * MIB), "idle for 60 s, 400 MiB slack");
        assertFalse(trim.due(SECOND / 40, 90 * SECOND, 500 * MIB, 100 * MIB), "once per idle spell");
        assertFalse(trim.due(20 * SECOND, 120 * SECOND, 500 * MIB, 100 * MIB), "busy: 60% of a core");
        assertFalse(trim.due(20 * SECOND + 1000, 150 * SECOND, 500 * MIB, 100 * MIB), "idle again, 30 s only");
        assertTrue(trim.due(20 * SECOND + 2000, 180 * SECOND, 500 * MIB, 100 * MIB), "idle 60 s after work");
    }

    @Test
    void aShortPauseBetweenLoadsIsNotIdleness() {
        HeapTrim trim = new HeapTrim(0.10, Duration.ofSeconds(60), 64);
        trim.due(0, 0, 500 * MIB, 100 * MIB);
        assertFalse(trim.due(SECOND / 100, 30 * SECOND, 500 * MIB, 100 * MIB));
        assertFalse(trim.due(20 * SECOND, 60 * SECOND, 500 * MIB, 100 * MIB), "work resumed");
        assertFalse(trim.due(20 * SECOND, 90 * SECOND, 500 * MIB, 100 * MIB), "idle since 60 s only");
    }

    @Test
    void littleSlackIsLeftAlone() {
        HeapTrim trim = new HeapTrim(0.10, Duration.ZERO, 64);
        trim.due(0, 0, 120 * MIB, 100 * MIB);
        assertFalse(trim.due(1000, 30 * SECOND, 120 * MIB, 100 * MIB));
    }
}
