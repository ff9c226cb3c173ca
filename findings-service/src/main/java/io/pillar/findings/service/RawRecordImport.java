package io.pillar.findings.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pillar.findings.ImportJob;
import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ParserRegistry;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.pillar.findings.repository.ImportJobRepository;
import io.pillar.findings.repository.bulk.RawRecordsSeen;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Imports a batch of {@code pillar.findings.raw} records in one transaction, recorded as one import job: small records
 * at a high rate cannot afford a transaction, a job and a lock each. A record that yields no finding is returned with
 * its reason, for the dead-letter topic; the others' findings are written. Records do not resolve scopes.
 */
@ApplicationScoped
public class RawRecordImport {
    @Inject
    ParserRegistry parsers;
    @Inject
    FindingIngest ingest;
    @Inject
    ImportJobRepository jobs;
    @Inject
    IngestActivity activity;
    @Inject
    RawRecordsSeen seen;
    @Inject
    FindingMetrics metrics;
    /** How long a record's digest is kept: the same record within it is imported once. */
    @ConfigProperty(name = "pillar.findings.raw.dedup-window", defaultValue = "24h")
    Duration dedupWindow;

    /** One record's value and headers, and its digest (null: imported even if it came before). */
    public record RawRecord(byte[] value, String format, String team, byte[] digest) {
    }

    /** A record that could not be processed, by its position in the batch. */
    public record Unprocessable(int position, String reason) {
    }

    public List<Unprocessable> importBatch(List<RawRecord> records, String actor) {
        activity.touch();
        List<Unprocessable> unprocessable = new ArrayList<>();
        // per record: its findings prepared and rejected, written only if the record was not imported before
        List<List<FindingIngest.Prepared>> prepared = new ArrayList<>();
        List<List<IngestCounts.Rejection>> rejections = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < records.size(); i++) {
            RawRecord record = records.get(i);
            prepared.add(new ArrayList<>());
            rejections.add(new ArrayList<>());
            Parsed parsed = parse(record);
            if (parsed.failure != null) {
                unprocessable.add(new Unprocessable(i, parsed.failure));
            } else if (parsed.findings.isEmpty() && !parsed.rejections.isEmpty()) {
                unprocessable.add(new Unprocessable(i, "every finding of the record was rejected: "
                        + parsed.rejections.stream().map(IngestCounts.Rejection::reason).toList()));
            } else {
                for (NormalizedFinding f : parsed.findings) {
                    prepared.get(i).add(ingest.prepare(f, null, record.team()));
                    any = true;
                }
                for (IngestCounts.Rejection r : parsed.rejections) {
                    rejections.get(i).add(new IngestCounts.Rejection(i, "record " + i + ", finding " + r.index()
                            + ": " + r.reason()));
                }
                if (!parsed.rejections.isEmpty()) {
                    // its valid findings are imported; the record goes to the dead letters for the others
                    unprocessable.add(new Unprocessable(i, partlyRejected(parsed.rejections.size(),
                            parsed.rejections.size() + parsed.findings.size(), parsed.rejections.stream()
                                    .map(r -> "[" + r.index() + "] " + r.reason()).toList())));
                }
            }
        }
        if (!any) {
            return unprocessable;
        }
        IngestCounts written = QuarkusTransaction.requiringNew().call(() -> write(records, prepared, rejections,
                actor));
        if (written != null) {
            metrics.committed(written);
        }
        return unprocessable;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldRecords() {
        QuarkusTransaction.requiringNew().call(() -> seen.prune(dedupWindow));
    }

    /** SHA-256 of what makes a record what it is: its key, value and the headers the import reads. */
    public static byte[] digest(byte[] key, byte[] value, String format, String team, String scope) {
        return RawRecordsSeen.digest(key, value, format, team, scope);
    }

    /** The dead letter's reason for a record some of whose findings were rejected (the others imported). */
    public static String partlyRejected(int rejected, int of, List<String> reasons) {
        return rejected + " of " + of + " findings of the record were rejected (the others were imported): "
                + String.join("; ", reasons.subList(0, Math.min(20, reasons.size())))
                + (reasons.size() > 20 ? "; ..." : "");
    }

    /** Writes the findings of the records not imported before (a record read again changes nothing). */
    private IngestCounts write(List<RawRecord> records, List<List<FindingIngest.Prepared>> byRecord,
            List<List<IngestCounts.Rejection>> rejectedByRecord, String actor) {
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!byRecord.get(i).isEmpty() && records.get(i).digest() != null) {
                digests.add(records.get(i).digest());
            }
        }
        Set<ByteBuffer> fresh = seen.claim(digests);
        List<FindingIngest.Prepared> prepared = new ArrayList<>();
        List<IngestCounts.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            byte[] digest = records.get(i).digest();
            // a digest claimed now is used once: the same record twice in one poll is imported once
            if (digest == null || fresh.remove(ByteBuffer.wrap(digest))) {
                prepared.addAll(byRecord.get(i));
                rejections.addAll(rejectedByRecord.get(i));
            }
        }
        if (prepared.isEmpty()) {
            return null;
        }
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.format = "kafka";
        job.requestedBy = actor;
        job.startedAt = Instant.now();
        FindingIngest.Session session = ingest.open(job.id, null, null, actor);
        rejections.forEach(r -> session.reject(r.index(), r.reason()));
        for (int from = 0; from < prepared.size(); from += FindingIngest.BATCH) {
            session.write(prepared.subList(from, Math.min(prepared.size(), from + FindingIngest.BATCH)));
        }
        // the job is written once, complete, with the findings (one statement fewer on the way of every record)
        IngestCounts counts = session.counts();
        job.status = ImportJob.COMPLETED;
        ImportService.counts(job, counts);
        job.finishedAt = Instant.now();
        jobs.persist(job);
        return counts;
    }

    private static final class Parsed implements FindingSink {
        final List<NormalizedFinding> findings = new ArrayList<>();
        final List<IngestCounts.Rejection> rejections = new ArrayList<>();
        String failure;

        @Override
        public void accept(NormalizedFinding finding) {
            findings.add(finding);
        }

        @Override
        public void reject(long index, String reason) {
            rejections.add(new IngestCounts.Rejection(index, reason));
        }
    }

    private Parsed parse(RawRecord record) {
        Parsed parsed = new Parsed();
        if (record.value() == null || record.value().length == 0) {
            parsed.failure = "the record has no value: expected a report";
            return parsed;
        }
        FindingParser parser;
        try {
            parser = parsers.choose(record.format(), record.value(),
                    Math.min(record.value().length, ImportService.HEAD_BYTES), "in the pillar-format header");
        } catch (UnsupportedFormatException e) {
            parsed.failure = e.getMessage();
            return parsed;
        }
        try {
            parser.parse(ReportSource.of(record.value()), parsed);
        } catch (MalformedReportException | IOException e) {
            parsed.failure = e.getMessage();
        }
        return parsed;
    }
}
