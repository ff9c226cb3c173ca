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
    void importPathsMayNameSegments() {
        assertTrue(RequestGuard.pathPattern("/api/v1/findings/imports").matcher("/api/v1/findings/imports").matches());
        assertTrue(RequestGuard.pathPattern("/api/v1/x/{id}/upload").matcher("/api/v1/x/42/upload").matches());
        assertFalse(RequestGuard.pathPattern("/api/v1/x/{id}/upload").matcher("/api/v1/x/4/2/upload").matches());
        assertFalse(RequestGuard.pathPattern("/api/v1/findings/imports").matcher("/api/v1/findings/imports/x")
                .matches());
    }
}
