package io.pillar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until the machine is idle (the platform has digested the previous step: relays, consumers, enrichment), so
 * that a step measures its own work, not the tail of the one before. Linux only (/proc/stat); elsewhere it returns.
 */
final class Quiet {

    /** @return how long it waited */
    static Duration await(double idleShare, Duration atMost) throws Exception {
        Path stat = Path.of("/proc/stat");
        if (!Files.isReadable(stat)) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        int quietSeconds = 0;
        long[] before = cpu(stat);
        while (System.nanoTime() - start < atMost.toNanos() && quietSeconds < 3) {
            Thread.sleep(1_000);
            long[] now = cpu(stat);
            double idle = (double) (now[1] - before[1]) / Math.max(1, now[0] - before[0]);
            quietSeconds = idle >= idleShare ? quietSeconds + 1 : 0;
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Total and idle jiffies of all CPUs. */
    private static long[] cpu(Path stat) throws Exception {
        String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[]{total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    private Quiet() {
    }
}
