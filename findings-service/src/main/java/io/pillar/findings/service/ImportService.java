package io.pillar.findings.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.findings.Finding;
import io.pillar.findings.ImportJob;
import io.pillar.findings.mapping.FindingEvents;
import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ParserRegistry;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.findings.repository.FindingWriter;
import io.pillar.findings.repository.FindingWriter.HistoryRow;
import io.pillar.findings.repository.FindingWriter.OutboxRow;
import io.pillar.findings.repository.ImportJobRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports one report: detects or checks its format, streams it through the parser into {@link FindingIngest} in one
 * transaction (a report that turns out malformed leaves nothing behind), then, with a scope, resolves the scope's open
 * findings that the report no longer contains. The job row records progress and outcome in transactions of its own.
 */
@ApplicationScoped
public class ImportService {
    /** How much of a report format detection reads. */
    static final int HEAD_BYTES = 64 * 1024;
    private static final int IMPORT_TIMEOUT_SECONDS = 3_600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ParserRegistry parsers;
    @Inject
    FindingIngest ingest;
    @Inject
    ImportJobRepository jobs;
    @Inject
    FindingWriter writer;
    @Inject
    FindingRepository findings;
    @Inject
    Event<OutboxWritten> outboxWritten;
    @Inject
    SubscriptionMatcher subscriptions;
    @Inject
    IngestActivity activity;

    /** A request to import: who, which format (null to detect), scope and owning team (both optional). */
    public record Request(String format, String scope, String team, String actor) {
    }

    public ImportJob importReport(InputStream body, Request request)
            throws UnsupportedFormatException, MalformedReportException {
        activity.touch();
        BufferedInputStream in = new BufferedInputStream(body, HEAD_BYTES);
        FindingParser parser = choose(in, request.format());
        UUID jobId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> jobs.persist(newJob(jobId, parser.format(), request)));
        try {
            Outcome outcome = QuarkusTransaction.requiringNew().timeout(IMPORT_TIMEOUT_SECONDS)
                    .call(() -> run(jobId, parser, in, request));
            QuarkusTransaction.requiringNew().run(() -> complete(jobId, outcome.counts()));
            activity.touch();
            if (outcome.events() > 0) {
                outboxWritten.fireAsync(new OutboxWritten(outcome.events()));
            }
        } catch (MalformedWrapper e) {
            fail(jobId, e.getCause().getMessage());
            throw e.getCause();
        } catch (RuntimeException e) {
            fail(jobId, "import failed: " + e.getMessage());
            throw e;
        }
        return QuarkusTransaction.requiringNew().call(() -> jobs.findById(jobId));
    }

    private record Outcome(IngestCounts counts, int events) {
    }

    /**
     * Parses on a thread of its own while this one (the transaction's) writes: reading and preparing findings overlaps
     * with the database's work on the previous batch.
     */
    private Outcome run(UUID jobId, FindingParser parser, InputStream in, Request request) {
        FindingIngest.Session session = ingest.open(jobId, request.scope(), request.team(), request.actor());
        ReportReader reader = new ReportReader(parser, in, session.scope(), session.team());
        Thread thread = Thread.ofVirtual().name("import-reader-" + jobId).start(reader);
        try {
            ReportReader.Batch batch;
            while (!(batch = reader.next()).last()) {
                batch.rejections().forEach(r -> session.reject(r.index(), r.reason()));
                session.write(batch.findings());
            }
            batch.rejections().forEach(r -> session.reject(r.index(), r.reason()));
            session.write(batch.findings());
        } catch (MalformedReportException e) {
            throw new MalformedWrapper(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the report failed: " + e.getMessage(), e);
        } finally {
            reader.cancel();
            thread.interrupt();
        }
        IngestCounts counts = session.counts();
        int events = session.events();
        if (request.scope() != null) {
            events += resolveUnreported(jobId, request, session, counts);
        }
        return new Outcome(counts, events);
    }

    /** Runs the parser and hands over prepared batches through a small queue. */
    private final class ReportReader implements Runnable, FindingSink {
        record Rejection(long index, String reason) {
        }

        record Batch(List<FindingIngest.Prepared> findings, List<Rejection> rejections, Exception failure,
                boolean last) {
        }

        private final FindingParser parser;
        private final InputStream in;
        private final String scope;
        private final String team;
        private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
        private volatile boolean cancelled;
        private List<FindingIngest.Prepared> findings = new ArrayList<>(FindingIngest.BATCH);
        private List<Rejection> rejections = new ArrayList<>();

        ReportReader(FindingParser parser, InputStream in, String scope, String team) {
            this.parser = parser;
            this.in = in;
            this.scope = scope;
            this.team = team;
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
            findings.add(ingest.prepare(finding, scope, team));
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
    }

    /** Ends the parsing thread once the writer no longer takes batches. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("import cancelled", null, false, false);
        }
    }

    /** Resolves the scope's open findings this import did not report; returns the events written. */
    private int resolveUnreported(UUID jobId, Request request, FindingIngest.Session session, IngestCounts counts) {
        Instant now = session.now();
        String reason = "no longer reported in scope " + request.scope() + " (import " + jobId + ")";
        List<UUID> resolved = writer.openInScope(request.scope()).stream().filter(id -> !session.reported(id))
                .toList();
        writer.resolve(resolved, request.actor(), reason, now);
        counts.resolved = resolved.size();
        List<HistoryRow> history = new ArrayList<>();
        List<OutboxRow> outbox = new ArrayList<>();
        for (int from = 0; from < resolved.size(); from += FindingIngest.BATCH) {
            List<UUID> chunk = resolved.subList(from, Math.min(resolved.size(), from + FindingIngest.BATCH));
            for (Finding f : findings.list("id in ?1", chunk)) {
                history.add(new HistoryRow(f.id, now, request.actor(), "resolved", "open", "resolved", reason));
                String payload = FindingEvents.cloudEvent(FindingEvents.RESOLVED, FindingEvents.of(f), now);
                outbox.add(new OutboxRow(Topic.FINDINGS_EVENTS.topicName(), f.id.toString(), FindingEvents.RESOLVED,
                        payload));
                for (String teamTopic : subscriptions.topicsFor(f.team, f.severityId, f.status, f.product,
                        f.compliance)) {
                    outbox.add(new OutboxRow(teamTopic, f.id.toString(), FindingEvents.RESOLVED, payload));
                }
            }
            findings.getEntityManager().clear();
        }
        writer.history(history);
        writer.outbox(outbox);
        return outbox.size();
    }

    private FindingParser choose(BufferedInputStream in, String format) throws UnsupportedFormatException {
        if (format != null && !format.isBlank()) {
            return parsers.byFormat(format).orElseThrow(() -> new UnsupportedFormatException(
                    "format '" + format + "' is not supported", parsers.formats()));
        }
        try {
            in.mark(HEAD_BYTES);
            byte[] head = in.readNBytes(HEAD_BYTES);
            in.reset();
            if (head.length == 0) {
                throw new UnsupportedFormatException("the report is empty", parsers.formats());
            }
            return parsers.detect(new ReportHead(new String(head, StandardCharsets.UTF_8))).orElseThrow(
                    () -> new UnsupportedFormatException("the report was not recognised as any supported format "
                            + "(name it with ?format=)", parsers.formats()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the report failed: " + e.getMessage(), e);
        }
    }

    private static ImportJob newJob(UUID id, String format, Request request) {
        ImportJob job = new ImportJob();
        job.id = id;
        job.format = format;
        job.scope = request.scope();
        job.status = ImportJob.RUNNING;
        job.requestedBy = request.actor();
        job.startedAt = Instant.now();
        return job;
    }

    private void complete(UUID jobId, IngestCounts counts) {
        ImportJob job = jobs.findById(jobId);
        job.status = ImportJob.COMPLETED;
        job.received = counts.received;
        job.created = counts.created;
        job.updated = counts.updated;
        job.unchanged = counts.unchanged;
        job.resolved = counts.resolved;
        job.rejected = counts.rejected;
        job.errors = json(counts.errors);
        job.finishedAt = Instant.now();
    }

    private void fail(UUID jobId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = jobs.findById(jobId);
            job.status = ImportJob.FAILED;
            job.failure = reason;
            job.finishedAt = Instant.now();
        });
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Carries a malformed report out of the transaction, which it rolls back. */
    private static final class MalformedWrapper extends RuntimeException {
        MalformedWrapper(MalformedReportException cause) {
            super(cause);
        }

        @Override
        public synchronized MalformedReportException getCause() {
            return (MalformedReportException) super.getCause();
        }
    }
}
