package io.pillar.findings.service;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.findings.ImportJob;
import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ParserRegistry;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.pillar.findings.repository.ImportJobRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

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

    /** One record's value and headers. */
    public record RawRecord(byte[] value, String format, String team) {
    }

    /** A record that could not be processed, by its position in the batch. */
    public record Unprocessable(int position, String reason) {
    }

    public List<Unprocessable> importBatch(List<RawRecord> records, String actor) {
        activity.touch();
        List<Unprocessable> unprocessable = new ArrayList<>();
        List<FindingIngest.Prepared> prepared = new ArrayList<>();
        List<IngestCounts.Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RawRecord record = records.get(i);
            Parsed parsed = parse(record);
            if (parsed.failure != null) {
                unprocessable.add(new Unprocessable(i, parsed.failure));
            } else if (parsed.findings.isEmpty() && !parsed.rejections.isEmpty()) {
                unprocessable.add(new Unprocessable(i, "every finding of the record was rejected: "
                        + parsed.rejections.stream().map(IngestCounts.Rejection::reason).toList()));
            } else {
                for (NormalizedFinding f : parsed.findings) {
                    prepared.add(ingest.prepare(f, null, record.team()));
                }
                for (IngestCounts.Rejection r : parsed.rejections) {
                    rejections.add(new IngestCounts.Rejection(i, "record " + i + ", finding " + r.index() + ": "
                            + r.reason()));
                }
            }
        }
        if (prepared.isEmpty()) {
            return unprocessable;
        }
        QuarkusTransaction.requiringNew().call(() -> write(prepared, rejections, actor));
        return unprocessable;
    }

    private int write(List<FindingIngest.Prepared> prepared, List<IngestCounts.Rejection> rejections, String actor) {
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
        return session.events();
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
