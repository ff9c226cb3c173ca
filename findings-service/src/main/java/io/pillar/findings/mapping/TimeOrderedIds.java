package io.pillar.findings.mapping;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 7 UUIDs (RFC 9562): a millisecond timestamp, then random bits. Ids made close in time sit close together
 * in a btree, so a large import appends to the primary key instead of writing to random pages all over it. Ids are
 * identifiers, not secrets (every read is authorized), so a fast non-cryptographic random source will do.
 */
public final class TimeOrderedIds {
    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = 0x8000_0000_0000_0000L | (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }

    private TimeOrderedIds() {
    }
}
