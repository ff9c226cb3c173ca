package io.pillar.findings.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** When findings last came in (REST imports, raw records): background work yields to ingestion. */
@ApplicationScoped
public class IngestActivity {
    private final AtomicLong last = new AtomicLong();

    public void touch() {
        last.set(System.nanoTime());
    }

    public boolean quietFor(Duration d) {
        return System.nanoTime() - last.get() > d.toNanos();
    }
}
