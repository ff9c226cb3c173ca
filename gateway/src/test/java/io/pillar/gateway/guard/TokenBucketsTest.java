package io.pillar.gateway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsServedThenTheRateAndTheWaitIsSaid() {
        TokenBuckets buckets = new TokenBuckets(10, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("alice", 0));
        }
        assertEquals(SECOND / 10, buckets.take("alice", 0), "the next token comes in 100 ms");
        assertEquals(0, buckets.take("alice", SECOND / 10));
        assertEquals(0, buckets.take("bob", 0), "each key has its own bucket");
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurst() {
        TokenBuckets buckets = new TokenBuckets(10, 2);
        buckets.take("alice", 0);
        long later = 3600 * SECOND;
        assertEquals(0, buckets.take("alice", later));
        assertEquals(0, buckets.take("alice", later));
        assertTrue(buckets.take("alice", later) > 0);
    }

    @Test
    void refilledBucketsAreForgotten() {
        TokenBuckets buckets = new TokenBuckets(1, 5);
        buckets.take("alice", 0);
        buckets.take("bob", 0);
        buckets.forgetFull(SECOND / 2);
        assertEquals(2, buckets.size());
        buckets.forgetFull(2 * SECOND);
        assertEquals(0, buckets.size());
    }

    @Test
    void traceParentsAreCheckedAndMadeAsW3CSays() {
        assertTrue(TraceContext.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceContext.valid("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
        assertFalse(TraceContext.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
        assertFalse(TraceContext.valid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertFalse(TraceContext.valid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
        assertTrue(TraceContext.valid(TraceContext.newParent()));
    }

    @Test
    void importPathsMayNameSegments() {
        assertTrue(RequestGuard.pathPattern("/api/v1/findings/imports").matcher("/api/v1/findings/imports").matches());
        assertTrue(RequestGuard.pathPattern("/api/v1/x/{id}/upload").matcher("/api/v1/x/42/upload").matches());
        assertFalse(RequestGuard.pathPattern("/api/v1/x/{id}/upload").matcher("/api/v1/x/4/2/upload").matches());
        assertFalse(RequestGuard.pathPattern("/api/v1/findings/imports").matcher("/api/v1/findings/imports/x")
                .matches());
    }
}
