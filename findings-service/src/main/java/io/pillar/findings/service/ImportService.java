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
import io.pillar.findings.parser.MalformedReportException;
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

    /** A request to import: who, which format (null to detect), scope and owning team (both optional). */
    public record Request(String format, String scope, String team, String actor) {
    }

    public ImportJob importReport(InputStream body, Request request)
            throws UnsupportedFormatException, MalformedReportException {
        BufferedInputStream in = new BufferedInputStream(body, HEAD_BYTES);
        FindingParser parser = choose(in, request.format());
        UUID jobId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> jobs.persist(newJob(jobId, parser.format(), request)));
        try {
            Outcome outcome = QuarkusTransaction.requiringNew().timeout(IMPORT_TIMEOUT_SECONDS)
                    .call(() -> run(jobId, parser, in, request));
            QuarkusTransaction.requiringNew().run(() -> complete(jobId, outcome.counts()));
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

    private Outcome run(UUID jobId, FindingParser parser, InputStream in, Request request) {
        FindingIngest.Session session = ingest.open(jobId, request.scope(), request.team(), request.actor());
        try {
            parser.parse(in, session);
        } catch (MalformedReportException e) {
            throw new MalformedWrapper(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the report failed: " + e.getMessage(), e);
        }
        IngestCounts counts = session.finish();
        int events = session.events();
        if (request.scope() != null) {
            events += resolveUnreported(jobId, request, session.now(), counts);
        }
        return new Outcome(counts, events);
    }

    /** Resolves the scope's open findings this import did not report; returns the events written. */
    private int resolveUnreported(UUID jobId, Request request, Instant now, IngestCounts counts) {
        String reason = "no longer reported in scope " + request.scope() + " (import " + jobId + ")";
        List<UUID> resolved = writer.resolveUnreported(request.scope(), jobId, request.actor(), reason, now);
        counts.resolved = resolved.size();
        List<HistoryRow> history = new ArrayList<>();
        List<OutboxRow> outbox = new ArrayList<>();
        for (int from = 0; from < resolved.size(); from += FindingIngest.BATCH) {
            List<UUID> chunk = resolved.subList(from, Math.min(resolved.size(), from + FindingIngest.BATCH));
            for (Finding f : findings.list("id in ?1", chunk)) {
                history.add(new HistoryRow(f.id, now, request.actor(), "resolved", "open", "resolved", reason));
                outbox.add(new OutboxRow(Topic.FINDINGS_EVENTS.topicName(), f.id.toString(), FindingEvents.RESOLVED,
                        FindingEvents.cloudEvent(FindingEvents.RESOLVED, FindingEvents.of(f), now)));
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

    private static String json(Object value) {
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
