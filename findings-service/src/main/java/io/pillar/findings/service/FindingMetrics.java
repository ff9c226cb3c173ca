package io.pillar.findings.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/** Findings created, updated and resolved by imports, once committed: {@code pillar_findings_changes_total}. */
@ApplicationScoped
public class FindingMetrics {
    static final String CHANGES = "pillar_findings_changes_total";

    @Inject
    MeterRegistry registry;

    /** What an import (or the committed part of one) did. */
    public void committed(IngestCounts counts) {
        count("created", counts.created);
        count("updated", counts.updated);
        count("resolved", counts.resolved);
    }

    private void count(String change, int n) {
        if (n > 0) {
            registry.counter(CHANGES, "change", change).increment(n);
        }
    }
}
