package io.pillar.findings.parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report that can be read more than once: a spooled upload, a Kafka record's value, a file. Formats that write
 * what every record needs after the records (Grype's scanned image, Snyk's project) read it twice: once for that
 * context, skipping the records, and once streaming the records.
 */
@FunctionalInterface
public interface ReportSource {

    InputStream open() throws IOException;

    static ReportSource of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    static ReportSource of(Path file) {
        return () -> Files.newInputStream(file);
    }

    /** A source over a stream that can be read once only: its bytes are kept in memory. */
    static ReportSource buffered(InputStream in) throws IOException {
        return of(in.readAllBytes());
    }
}
