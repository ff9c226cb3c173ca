package io.pillar.platform.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;

/**
 * Whether an idle process should collect its heap now. A JVM that grew its heap under load keeps it committed until
 * a full collection, and a quiet service does not collect: its memory stays at the peak for hours. One collection once
 * it has been idle for a while lets the collector shrink the heap (down to used plus {@code MaxHeapFreeRatio}) and
 * give the rest back.
 */
final class HeapTrim {
    private final double idleCpu;
    private final long idleForNanos;
    private final long slackBytes;
    private long lastCpuNanos = -1;
    private long lastWallNanos;
    /** Since when the process has been idle without a break, or -1 while it works. */
    private long idleSince = -1;
    /** Set after a trim; cleared once the process works again, so an idle process is collected once, not each time. */
    private boolean trimmed;

    HeapTrim(double idleCpu, Duration idleFor, int slackMib) {
        this.idleCpu = idleCpu;
        this.idleForNanos = idleFor.toNanos();
        this.slackBytes = slackMib * 1024L * 1024L;
    }

    /** Called every interval with the process's CPU time and the heap; true when a collection should run now. */
    boolean due(long cpuNanos, long wallNanos, long committed, long used) {
        boolean first = lastCpuNanos < 0;
        double share = first ? 1 : (cpuNanos - lastCpuNanos) / (double) Math.max(1, wallNanos - lastWallNanos);
        long intervalStart = lastWallNanos;
        lastCpuNanos = cpuNanos;
        lastWallNanos = wallNanos;
        if (share >= idleCpu) {
            trimmed = false;
            idleSince = -1;
            return false;
        }
        if (idleSince < 0) {
            idleSince = intervalStart;
        }
        // a short pause between two loads is not idleness: the heap would only grow back at once, at a cost
        if (trimmed || wallNanos - idleSince < idleForNanos || committed - used < slackBytes) {
            return false;
        }
        trimmed = true;
        return true;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static MemoryUsage heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }
}
