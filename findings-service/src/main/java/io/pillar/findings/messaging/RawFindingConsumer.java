package io.pillar.findings.messaging;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.pillar.contracts.Teams;
import io.pillar.contracts.Topic;
import io.pillar.findings.ImportJob;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.pillar.findings.service.ImportService;
import io.pillar.findings.service.RawRecordImport;
import io.pillar.platform.kafka.PolledConsumer;
import io.pillar.platform.kafka.PolledConsumer.Rejected;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * {@code pillar.findings.raw}, a poll at a time (the platform's {@link PolledConsumer}): each record is a report in
 * any supported format (named by the {@code pillar-format} header, else detected), with optional {@code pillar-team}
 * and {@code pillar-scope} headers. The records of a poll are imported in one transaction (a record with a scope
 * alone, as scope resolution needs). A record that yields no finding goes unchanged to
 * {@code pillar.findings.raw.dlq} with the reason; when the database fails, the poll is read again: nothing is lost,
 * and a record imported twice creates nothing (the finding counts one more sighting).
 */
@ApplicationScoped
public class RawFindingConsumer {
    private static final String GROUP = "findings-service";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

    @Inject
    MeterRegistry metrics;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @ConfigProperty(name = "pillar.findings.raw.max-poll-records", defaultValue = "500")
    int maxPollRecords;
    @Inject
    RawRecordImport batches;
    @Inject
    ImportService imports;

    private PolledConsumer consumer;

    void start(@Observes StartupEvent started) {
        // a poll is a transaction: at a steady trickle, waiting a few milliseconds for more records makes far fewer
        // of them for the same records (each costs the database and the broker), for a few milliseconds of latency
        Map<String, Object> tuning = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 8);
        consumer = PolledConsumer.start(new PolledConsumer.Settings(Topic.FINDINGS_RAW.topicName(), GROUP, kafka,
                tuning, COMMIT_INTERVAL), this::process, metrics);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
    }

    /** Whether the consumer polled in the last minute (its loop is alive). */
    public boolean alive() {
        return consumer != null && consumer.alive();
    }

    private List<Rejected> process(ConsumerRecords<String, byte[]> polled) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            String team = header(r, "pillar-team");
            if (team != null && !Teams.isName(team)) {
                rejected.add(new Rejected(r, "the pillar-team header '" + team + "' is not a team name: lower-case"
                        + " letters, digits and dashes"));
                continue;
            }
            if (header(r, "pillar-scope") == null) {
                batch.add(r);
                continue;
            }
            flush(batch, rejected);
            String reason = importScoped(r);
            if (reason != null) {
                rejected.add(new Rejected(r, reason));
            }
        }
        flush(batch, rejected);
        return rejected;
    }

    private void flush(List<ConsumerRecord<String, byte[]>> batch, List<Rejected> rejected) {
        if (batch.isEmpty()) {
            return;
        }
        List<RawRecordImport.RawRecord> records = batch.stream()
                .map(r -> new RawRecordImport.RawRecord(r.value(), header(r, "pillar-format"),
                        header(r, "pillar-team"), digest(r)))
                .toList();
        for (RawRecordImport.Unprocessable u : batches.importBatch(records, "kafka:" + batch.get(0).topic())) {
            rejected.add(new Rejected(batch.get(u.position()), u.reason()));
        }
        batch.clear();
    }

    /** A record with a scope, imported on its own like a REST import; returns why it cannot be, or null. */
    private String importScoped(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.value().length == 0) {
            return "the record has no value: expected a report";
        }
        try {
            Optional<ImportJob> imported = imports.importRecord(new ByteArrayInputStream(r.value()),
                    new ImportService.Request(header(r, "pillar-format"), header(r, "pillar-scope"),
                            header(r, "pillar-team"), "kafka:" + r.topic()),
                    digest(r));
            if (imported.isEmpty()) {
                return null;
            }
            ImportJob job = imported.get();
            if (job.received > 0 && job.rejected == job.received) {
                return "every finding of the record was rejected: " + job.errors;
            }
            return job.rejected > 0
                    ? RawRecordImport.partlyRejected(job.rejected, job.received, List.of(job.errors))
                    : null;
        } catch (UnsupportedFormatException | MalformedReportException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** What makes the record the same one when it comes again: key, value and the headers read. */
    private static byte[] digest(ConsumerRecord<String, byte[]> r) {
        return RawRecordImport.digest(r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value(),
                header(r, "pillar-format"), header(r, "pillar-team"), header(r, "pillar-scope"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
