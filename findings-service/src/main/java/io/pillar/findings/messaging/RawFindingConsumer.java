package io.pillar.findings.messaging;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pillar.contracts.Topic;
import io.pillar.findings.ImportJob;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.parser.UnsupportedFormatException;
import io.pillar.findings.service.ImportService;
import io.pillar.findings.service.RawRecordImport;
import io.pillar.platform.kafka.DeadLetters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code pillar.findings.raw}, a poll at a time: each record is a report in any supported format (named by the
 * {@code pillar-format} header, else detected), with optional {@code pillar-team} and {@code pillar-scope} headers.
 * The records of a poll are imported in one transaction (a record with a scope alone, as scope resolution needs).
 * A record that yields no finding goes unchanged to {@code pillar.findings.raw.dlq} with the reason in its
 * {@code dead-letter-reason} header and its origin in {@code dead-letter-topic}, {@code -partition}, {@code -offset};
 * offsets are committed (every 200 ms at most) only after the poll's findings are committed and its dead letters
 * acknowledged. When the database fails, the poll is read again a second later: nothing is lost; a record may be
 * imported twice, which creates nothing (the finding counts one more sighting).
 */
@ApplicationScoped
public class RawFindingConsumer {
    private static final Logger LOG = Logger.getLogger(RawFindingConsumer.class);
    private static final String GROUP = "findings-service";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "pillar.findings.raw.max-poll-records", defaultValue = "500")
    int maxPollRecords;
    @Inject
    RawRecordImport batches;
    @Inject
    ImportService imports;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long lastPoll;
    private long lastCommit;
    private Thread thread;

    void start(@Observes StartupEvent started) {
        running = true;
        thread = Thread.ofPlatform().name("findings-raw-consumer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** Whether the consumer polled in the last minute (its loop is alive). */
    public boolean alive() {
        return running && System.currentTimeMillis() - lastPoll < 60_000;
    }

    private void run() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // a poll is a transaction: at a steady trickle, waiting a few milliseconds for more records makes far fewer
        // of them for the same records (each costs the database and the broker), for a few milliseconds of latency
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 8);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "findings-raw-consumer");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> deadLetters = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.CLIENT_ID_CONFIG, "findings-raw-dlq"), new StringSerializer(),
                        new ByteArraySerializer())) {
            consumer = c;
            c.subscribe(List.of(Topic.FINDINGS_RAW.topicName()));
            LOG.infof("reading %s as group %s", Topic.FINDINGS_RAW.topicName(), GROUP);
            try {
                while (running) {
                    lastPoll = System.currentTimeMillis();
                    ConsumerRecords<String, byte[]> polled = c.poll(Duration.ofMillis(500));
                    if (polled.isEmpty()) {
                        continue;
                    }
                    try {
                        process(polled, deadLetters);
                        // the positions are now past processed records only. Committed asynchronously and at most
                        // every COMMIT_INTERVAL: a commit per poll costs the broker more than the records do, and
                        // records read again after a crash are imported again, which creates nothing
                        if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                            c.commitAsync();
                            lastCommit = System.nanoTime();
                        }
                        LOG.debugf("%d records of %s imported", polled.count(), Topic.FINDINGS_RAW.topicName());
                    } catch (RuntimeException e) {
                        LOG.warnf("records of pillar.findings.raw not imported yet, reading them again: %s",
                                e.getMessage());
                        rewind(c, polled);
                        sleep();
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            }
            // the positions are past processed records only (a failed poll was rewound): commit them before closing
            c.commitSync();
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "the pillar.findings.raw consumer stopped");
        } finally {
            running = false;
        }
    }

    private void process(ConsumerRecords<String, byte[]> polled, KafkaProducer<String, byte[]> deadLetters) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            if (header(r, "pillar-scope") == null) {
                batch.add(r);
                continue;
            }
            flush(batch, deadLetters, sent);
            String reason = importScoped(r);
            if (reason != null) {
                sent.add(deadLetter(deadLetters, r, reason));
            }
        }
        flush(batch, deadLetters, sent);
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a dead letter was not acknowledged: " + e.getMessage(), e);
            }
        }
    }

    private void flush(List<ConsumerRecord<String, byte[]>> batch, KafkaProducer<String, byte[]> deadLetters,
            List<Future<RecordMetadata>> sent) {
        if (batch.isEmpty()) {
            return;
        }
        List<RawRecordImport.RawRecord> records = batch.stream()
                .map(r -> new RawRecordImport.RawRecord(r.value(), header(r, "pillar-format"),
                        header(r, "pillar-team")))
                .toList();
        for (RawRecordImport.Unprocessable u : batches.importBatch(records, "kafka:" + batch.get(0).topic())) {
            sent.add(deadLetter(deadLetters, batch.get(u.position()), u.reason()));
        }
        batch.clear();
    }

    /** A record with a scope, imported on its own like a REST import; returns why it cannot be, or null. */
    private String importScoped(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.value().length == 0) {
            return "the record has no value: expected a report";
        }
        try {
            ImportJob job = imports.importReport(new ByteArrayInputStream(r.value()),
                    new ImportService.Request(header(r, "pillar-format"), header(r, "pillar-scope"),
                            header(r, "pillar-team"), "kafka:" + r.topic()));
            return job.received > 0 && job.rejected == job.received
                    ? "every finding of the record was rejected: " + job.errors
                    : null;
        } catch (UnsupportedFormatException | MalformedReportException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Future<RecordMetadata> deadLetter(KafkaProducer<String, byte[]> producer,
            ConsumerRecord<String, byte[]> r, String reason) {
        return producer.send(DeadLetters.of(r, reason));
    }

    /** Back to the first record of the poll in each partition, to read it again. */
    private static void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> polled) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach(c::seek);
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
