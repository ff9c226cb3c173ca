package io.pillar.findings.service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pillar.contracts.Topic;
import io.pillar.findings.Finding;
import io.pillar.findings.ImportJob;
import io.pillar.findings.mapping.FindingEvents;
import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.ParserRegistry;
import io.pillar.findings.parser.ReportHead;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.pillar.findings.parser.XmlRecords;
import io.pillar.findings.repository.FindingRepository;
import io.pillar.findings.repository.ImportJobRepository;
import io.pillar.findings.repository.bulk.FindingWriter;
import io.pillar.findings.repository.bulk.FindingWriter.HistoryRow;
import io.pillar.findings.repository.bulk.RawRecordsSeen;
import io.pillar.platform.jobs.RunningJobs;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports one report. The body is first copied to a temporary file and checked to be well-formed JSON (every format is
 * JSON), so a broken report is refused before anything is written. The report is then parsed on a thread of its own
 * while this one writes its findings through {@link FindingIngest}, a transaction per batch: each batch's findings
 * commit with their history and events, so events are published while the import goes on and other imports (and
 * Kafka records) take turns with a large one. With a scope, the scope's open findings that the report no longer
 * contains are resolved once every batch is in. The job row follows progress batch by batch.
 * <p>
 * A failure after some batches (the database gone, a structural error a parser finds late) leaves those batches
 * written, each finding whole with its event, and the job failed saying how far it got; importing the report again
 * completes it, as nothing is created twice.
 */
@ApplicationScoped
public class ImportService {
    /** How much of a report format detection reads. */
    static final int HEAD_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = Json.MAPPER;

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
    Outbox outbox;
    @Inject
    SubscriptionMatcher subscriptions;
    @Inject
    IngestActivity activity;
    @Inject
    RunningJobs running;
    @Inject
    RawRecordsSeen seen;
    @Inject
    FindingMetrics metrics;

    /** A request to import: who, which format (null to detect), scope and owning team (both optional). */
    public record Request(String format, String scope, String team, String actor) {
    }

    public ImportJob importReport(InputStream body, Request request)
            throws UnsupportedFormatException, MalformedReportException {
        return importReport(body, request, null);
    }

    /**
     * A report from a record of pillar.findings.raw: imported unless a record with the same digest was (empty
     * then); the digest is recorded with the import's completion.
     */
    @ActivateRequestContext
    public Optional<ImportJob> importRecord(InputStream body, Request request, byte[] digest)
            throws UnsupportedFormatException, MalformedReportException {
        if (seen.seen(digest)) {
            return Optional.empty();
        }
        return Optional.of(importReport(body, request, digest));
    }

    private ImportJob importReport(InputStream body, Request request, byte[] digest)
            throws UnsupportedFormatException, MalformedReportException {
        activity.touch();
        BufferedInputStream in = new BufferedInputStream(body, HEAD_BYTES);
        FindingParser parser = choose(in, request.format());
        // XML is checked as such while spooled
        boolean xml = peek(in).markup();
        UUID jobId = UUID.randomUUID();
        running.started(jobId);
        try {
            QuarkusTransaction.requiringNew().run(() -> jobs.persist(newJob(jobId, parser.format(), request)));
        } catch (RuntimeException e) {
            running.finished(jobId);
            throw e;
        }
        Path spooled = null;
        FindingIngest.Session session = null;
        // what committed batches did: a batch that fails is rolled back, but the session has counted it
        IngestCounts[] committed = {new IngestCounts()};
        try {
            spooled = Files.createTempFile("pillar-import-", ".json");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spooled), 256 * 1024)) {
                if (xml) {
                    XmlRecords.copyChecked(in, out);
                } else {
                    JsonReport.copyChecked(in, out);
                }
            }
            session = ingest.open(jobId, request.scope(), request.team(), request.actor());
            run(parser, spooled, session, committed);
            if (request.scope() != null) {
                FindingIngest.Session s = session;
                QuarkusTransaction.requiringNew().call(() -> resolveUnreported(jobId, request, s));
            }
            IngestCounts counts = session.counts();
            committed[0] = counts;
            QuarkusTransaction.requiringNew().run(() -> {
                complete(jobId, counts);
                if (digest != null) {
                    seen.claim(List.of(digest));
                }
            });
            activity.touch();
        } catch (MalformedReportException e) {
            int written = committed[0].received;
            fail(jobId, e.getMessage() + (written > 0 ? " (" + written + " findings before it were imported)" : ""),
                    committed[0]);
            throw e;
        } catch (IOException e) {
            fail(jobId, "reading the report failed: " + e.getMessage(), committed[0]);
            throw new UncheckedIOException("reading the report failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            fail(jobId, "import failed after " + committed[0].received + " findings: " + e.getMessage(),
                    committed[0]);
            throw e;
        } finally {
            metrics.committed(committed[0]);
            running.finished(jobId);
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException e) {
                    // a temporary file; the next restart's temp cleanup gets it
                }
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> jobs.findById(jobId));
    }

    /**
     * Parses on a thread of its own while this one writes, a transaction per batch: reading and preparing findings
     * overlaps with the database's work on the previous batch, and the relay publishes each batch once committed.
     */
    private void run(FindingParser parser, Path report, FindingIngest.Session session, IngestCounts[] committed)
            throws MalformedReportException, IOException {
        ReportSource source = () -> new BufferedInputStream(Files.newInputStream(report), 256 * 1024);
        ReportReader reader = new ReportReader(ingest, parser, source, session);
        Thread thread = Thread.ofVirtual().name("import-reader-" + session.importId()).start(reader);
        try {
            ReportReader.Batch batch;
            do {
                batch = reader.next();
                ReportReader.Batch current = batch;
                QuarkusTransaction.requiringNew().run(() -> {
                    current.rejections().forEach(r -> session.reject(r.index(), r.reason()));
                    session.write(current.findings());
                    progress(session);
                });
                committed[0] = session.counts().copy();
            } while (!batch.last());
        } finally {
            reader.cancel();
            thread.interrupt();
        }
    }

    /** Resolves the scope's open findings this import did not report; returns the events written. */
    private int resolveUnreported(UUID jobId, Request request, FindingIngest.Session session) {
        writer.lockImports();
        IngestCounts counts = session.counts();
        Instant now = session.now();
        String reason = "no longer reported in scope " + request.scope() + " (import " + jobId + ")";
        List<UUID> resolved = writer.openInScope(request.scope(), request.team()).stream()
                .filter(id -> !session.reported(id))
                .toList();
        writer.resolve(resolved, request.actor(), reason, now);
        counts.resolved = resolved.size();
        List<HistoryRow> history = new ArrayList<>();
        List<OutboxEvent> outbox = new ArrayList<>();
        for (int from = 0; from < resolved.size(); from += FindingIngest.BATCH) {
            List<UUID> chunk = resolved.subList(from, Math.min(resolved.size(), from + FindingIngest.BATCH));
            for (Finding f : findings.byIds(chunk)) {
                history.add(new HistoryRow(f.id, now, request.actor(), "resolved", "open", "resolved", reason));
                String payload = FindingEvents.cloudEvent(FindingEvents.RESOLVED, FindingEvents.of(f), now);
                outbox.add(OutboxEvent.of(Topic.FINDINGS_EVENTS.topicName(), f.id.toString(), FindingEvents.RESOLVED,
                        payload));
                for (String teamTopic : subscriptions.topicsFor(f.team, f.severityId, f.status, f.product,
                        f.compliance)) {
                    outbox.add(OutboxEvent.of(teamTopic, f.id.toString(), FindingEvents.RESOLVED, payload));
                }
            }
            findings.forgetRead();
        }
        writer.history(history);
        this.outbox.add(outbox);
        return outbox.size();
    }

    private FindingParser choose(BufferedInputStream in, String format) throws UnsupportedFormatException {
        try {
            in.mark(HEAD_BYTES);
            byte[] head = in.readNBytes(HEAD_BYTES);
            in.reset();
            return parsers.choose(format, head, head.length, "with ?format=");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the report failed: " + e.getMessage(), e);
        }
    }

    private static ReportHead peek(BufferedInputStream in) {
        try {
            return ReportHead.peek(in, HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the report failed: " + e.getMessage(), e);
        }
    }

    private ImportJob newJob(UUID id, String format, Request request) {
        ImportJob job = new ImportJob();
        job.id = id;
        job.format = format;
        job.scope = request.scope();
        job.team = request.team();
        job.status = ImportJob.RUNNING;
        job.requestedBy = request.actor();
        job.startedAt = Instant.now();
        job.instance = running.instance();
        job.heartbeatAt = job.startedAt;
        return job;
    }

    private void complete(UUID jobId, IngestCounts counts) {
        ImportJob job = jobs.findById(jobId);
        job.status = ImportJob.COMPLETED;
        counts(job, counts);
        job.finishedAt = Instant.now();
    }

    /** The job's counts so far, in the batch's transaction (GET /imports/{id} follows a long import). */
    private void progress(FindingIngest.Session session) {
        counts(jobs.findById(session.importId()), session.counts());
    }

    /** Puts what an ingest did on its job. */
    static void counts(ImportJob job, IngestCounts counts) {
        job.received = counts.received;
        job.created = counts.created;
        job.updated = counts.updated;
        job.unchanged = counts.unchanged;
        job.resolved = counts.resolved;
        job.rejected = counts.rejected;
        job.errors = json(counts.errors);
    }

    private void fail(UUID jobId, String reason, IngestCounts committed) {
        QuarkusTransaction.requiringNew().run(() -> {
            ImportJob job = jobs.findById(jobId);
            counts(job, committed);
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
}
