package io.pillar.findings.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportSource;

/**
 * The reading side of an import, on a thread of its own: runs the parser, prepares each finding for the writer and
 * hands over batches through a small queue, so that parsing overlaps with the database's work on the previous batch.
 */
final class ReportReader implements Runnable, FindingSink {
    record Rejection(long index, String reason) {
    }

    record Batch(List<FindingIngest.Prepared> findings, List<Rejection> rejections, Exception failure,
            boolean last) {
    }

    private final FindingIngest ingest;
    private final FindingParser parser;
    private final ReportSource in;
    /** Read from the parsing thread for what never changes: scope, team, import id, time. */
    private final FindingIngest.Session session;
    // one batch ahead is enough to keep the writer busy (parsing is the faster side); more sat in the queue long
    // enough to be promoted to the old generation, whose full collections then paused the service
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1);
    private volatile boolean cancelled;
    private List<FindingIngest.Prepared> findings = new ArrayList<>(FindingIngest.BATCH);
    private List<Rejection> rejections = new ArrayList<>();

    ReportReader(FindingIngest ingest, FindingParser parser, ReportSource in, FindingIngest.Session session) {
        this.ingest = ingest;
        this.parser = parser;
        this.in = in;
        this.session = session;
    }

    @Override
    public void run() {
        try {
            parser.parse(in, this);
            hand(false, null);
            hand(true, null);
        } catch (Cancelled e) {
            // the writer stopped first (it failed, or the report failed): nobody waits for more
        } catch (Exception e) {
            try {
                hand(true, e);
            } catch (Cancelled ignored) {
                // the writer stopped first
            }
        }
    }

    @Override
    public void accept(NormalizedFinding finding) {
        findings.add(ingest.prepare(finding, session));
        if (findings.size() >= FindingIngest.BATCH) {
            hand(false, null);
        }
    }

    @Override
    public void reject(long index, String reason) {
        rejections.add(new Rejection(index, reason));
    }

    private void hand(boolean last, Exception failure) {
        Batch batch = new Batch(findings, rejections, failure, last);
        findings = new ArrayList<>(FindingIngest.BATCH);
        rejections = new ArrayList<>();
        try {
            while (!queue.offer(batch, 1, TimeUnit.SECONDS)) {
                if (cancelled) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
    }

    Batch next() throws MalformedReportException, IOException {
        Batch batch;
        try {
            batch = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted");
        }
        if (batch.failure() instanceof MalformedReportException m) {
            throw m;
        }
        if (batch.failure() instanceof IOException io) {
            throw io;
        }
        if (batch.failure() instanceof RuntimeException r) {
            throw r;
        }
        return batch;
    }

    void cancel() {
        cancelled = true;
    }

    /** Ends the parsing thread once the writer no longer takes batches. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("import cancelled", null, false, false);
        }
    }
}
