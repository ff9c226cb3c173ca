package io.pillar.gateway.guard;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (a user, a client): {@code perSecond} tokens added each second up to {@code burst}; a
 * request takes one. Time is passed in, so the arithmetic is tested without waiting.
 */
final class TokenBuckets {
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate needs per-second > 0 and burst >= 1, was " + perSecond
                    + " and " + burst);
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** Takes a token for {@code key}: 0 when there was one, else the nanoseconds until there will be. */
    long take(String key, long nowNanos) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.at) * perNano);
            bucket.at = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perNano);
        }
    }

    /** Drops the buckets that have refilled: their keys start again full, as they would be. */
    void forgetFull(long nowNanos) {
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.tokens + (nowNanos - b.at) * perNano >= burst;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
