package io.pillar.platform.memory;

import java.lang.management.MemoryUsage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Gives back, once a service is idle, the heap it grew under load (see {@link HeapTrim}). */
@ApplicationScoped
public class IdleHeapTrimmer {
    private static final Logger LOG = Logger.getLogger(IdleHeapTrimmer.class);

    @Inject
    HeapTrimConfig config;

    private Thread thread;

    void start(@Observes StartupEvent start) {
        if (!config.enabled() || HeapTrim.processCpuNanos() < 0) {
            return;
        }
        HeapTrim trim = new HeapTrim(config.idleCpu(), config.idleFor(), config.slackMib());
        thread = Thread.ofPlatform().daemon().name("idle-heap-trimmer").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(config.interval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                MemoryUsage heap = HeapTrim.heap();
                if (trim.due(HeapTrim.processCpuNanos(), System.nanoTime(), heap.getCommitted(), heap.getUsed())) {
                    trim();
                    LOG.debugf("idle: heap collected, committed %d -> %d MiB", heap.getCommitted() >> 20,
                            HeapTrim.heap().getCommitted() >> 20);
                }
            }
        });
    }

    /**
     * Collections until the slack is gone, four at most: the serial collector shrinks the heap only partly after one
     * full collection (it damps shrinking: none, then 10%, 40%, all of the excess), each one on an idle heap is short.
     */
    private void trim() {
        long slack = config.slackMib() * 1024L * 1024L;
        for (int i = 0; i < 4; i++) {
            System.gc();
            MemoryUsage after = HeapTrim.heap();
            if (after.getCommitted() - after.getUsed() < slack) {
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
