package io.pillar.findings.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.pillar.findings.service.RawRecordImport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * {@code pillar.findings.raw}, a poll at a time: each record is a report in any supported format (named by the
 * {@code pillar-format} header, else detected), with an optional {@code pillar-team} header; a poll's records are
 * imported in one transaction. A record that yields no finding goes unchanged to {@code pillar.findings.raw.dlq} with
 * the reason in its {@code dead-letter-reason} header (its origin in {@code dead-letter-topic}, {@code -partition},
 * {@code -offset}) before the poll is acknowledged, and consumption goes on. If the database fails, nothing is
 * acknowledged and the channel stops (readiness goes down): nothing is lost.
 */
@ApplicationScoped
public class RawFindingConsumer {
    public static final String CHANNEL = "findings-raw";
    public static final String DEAD_LETTERS = "findings-raw-dlq";

    @Inject
    RawRecordImport imports;
    @Inject
    @Channel(DEAD_LETTERS)
    Emitter<byte[]> deadLetters;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> polled) throws Exception {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(polled.count());
        polled.forEach(batch::add);
        if (batch.isEmpty()) {
            return;
        }
        List<RawRecordImport.RawRecord> records = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> r : batch) {
            records.add(new RawRecordImport.RawRecord(r.value(), header(r, "pillar-format"), header(r, "pillar-team")));
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (RawRecordImport.Unprocessable u : imports.importBatch(records, "kafka:" + batch.get(0).topic())) {
            acks.add(deadLetter(batch.get(u.position()), u.reason()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.send(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers)
                        .build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    ack.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
