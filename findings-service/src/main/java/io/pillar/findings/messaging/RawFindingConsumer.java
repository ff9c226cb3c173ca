package io.pillar.findings.messaging;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.pillar.findings.ImportJob;
import io.pillar.findings.parser.MalformedReportException;
import io.pillar.findings.service.ImportService;
import io.pillar.findings.service.UnsupportedFormatException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code pillar.findings.raw}: each record is a report in any supported format (named by the {@code pillar-format}
 * header, else detected), imported like a REST import, with optional {@code pillar-scope} and {@code pillar-team}
 * headers. A record that yields no finding goes to {@code pillar.findings.raw.dlq} unchanged, with the reason in its
 * {@code dead-letter-reason} header, and consumption goes on.
 */
@ApplicationScoped
public class RawFindingConsumer {
    public static final String CHANNEL = "findings-raw";

    @Inject
    ImportService imports;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            throw new UnprocessableRecord("the record has no value: expected a report");
        }
        ImportJob job;
        try {
            job = imports.importReport(new ByteArrayInputStream(record.value()),
                    new ImportService.Request(header(record, "pillar-format"), header(record, "pillar-scope"),
                            header(record, "pillar-team"), "kafka:" + record.topic()));
        } catch (UnsupportedFormatException | MalformedReportException e) {
            throw new UnprocessableRecord(e.getMessage());
        }
        if (job.received > 0 && job.rejected == job.received) {
            throw new UnprocessableRecord("every finding of the record was rejected: " + job.errors);
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
