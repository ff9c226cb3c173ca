package io.pillar.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsLongerAfterEachFailureUpToThirtySeconds() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
                IntStream.rangeClosed(1, 7).mapToObj(n -> Backoff.after(n).toSeconds()).toList());
    }

    @Test
    void workThatFailsForAnotherReasonThanTheRecordIsRunAgainUntilItCompletes() {
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        Backoff.untilDone("test record", () -> {
            if (runs.incrementAndGet() < 3) {
                throw new IllegalStateException("database unreachable");
            }
        }, e -> e instanceof IllegalArgumentException);
        assertEquals(3, runs.get());
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(true, waitedMillis >= 3_000, "waited 1 s then 2 s, not " + waitedMillis + " ms");
    }

    @Test
    void theRecordsOwnFaultIsThrownAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException fault = new IllegalArgumentException("not valid JSON");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Backoff.untilDone("test record", () -> {
                    runs.incrementAndGet();
                    throw fault;
                }, e -> e instanceof IllegalArgumentException));
        assertSame(fault, thrown);
        assertEquals(1, runs.get());
    }
}
