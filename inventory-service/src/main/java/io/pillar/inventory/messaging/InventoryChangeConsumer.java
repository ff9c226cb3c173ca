package io.pillar.inventory.messaging;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.pillar.inventory.parser.MalformedInputException;
import io.pillar.inventory.parser.UnsupportedFormatException;
import io.pillar.inventory.service.AssetImport;
import io.pillar.platform.kafka.Backoff;
import io.pillar.platform.kafka.DeadLetters;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code pillar.inventory.changes}: each record is a report in an inventory format (named by the {@code pillar-format}
 * header, else detected), imported like a REST import. A record that cannot be read, or with items that are invalid,
 * goes to {@code pillar.inventory.changes.dlq} unchanged with the reason in its {@code dead-letter-reason} header
 * (its valid items are imported; counted in {@code pillar_dead_letters_total}); consumption goes on. A record that
 * fails for another reason (the database away) is not the record's fault: it is processed again, with
 * {@link Backoff}, until it goes through.
 */
@ApplicationScoped
public class InventoryChangeConsumer {
    public static final String CHANNEL = "inventory-changes";

    @Inject
    AssetImport imports;

    @Inject
    MeterRegistry metrics;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            Backoff.untilDone(record.topic() + " record " + record.partition() + "@" + record.offset(),
                    () -> process(record), e -> e instanceof UnprocessableRecord);
        } catch (UnprocessableRecord e) {
            DeadLetters.count(metrics, record.topic(), e.getMessage());
            throw e;
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            throw new UnprocessableRecord("the record has no value: expected configuration items or assets");
        }
        AssetImport.Report report;
        try {
            report = imports.run(new ByteArrayInputStream(record.value()), header(record, "pillar-format"),
                    "kafka:" + record.topic(), "kafka");
        } catch (UnsupportedFormatException | MalformedInputException e) {
            throw new UnprocessableRecord(e.getMessage());
        }
        if (report.rejected() > 0) {
            StringBuilder reason = new StringBuilder(report.rejected() + " of " + report.received()
                    + " items rejected:");
            report.errors().stream().limit(20)
                    .forEach(err -> reason.append(" [").append(err.index()).append("] ").append(err.reason())
                            .append(';'));
            throw new UnprocessableRecord(reason.toString());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A record that cannot be processed; its message becomes the dead letter's reason. */
    static final class UnprocessableRecord extends RuntimeException {
        UnprocessableRecord(String reason) {
            super(reason);
        }
    }
}
