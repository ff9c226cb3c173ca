package io.pillar.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pillar.contracts.Topic;

/**
 * Records of Pillar's native format on pillar.findings.raw, as an integration sends them: idempotent, acks=all, and
 * patient through a broker restart (it buffers and sends again).
 */
final class RawProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final AtomicInteger failed = new AtomicInteger();

    RawProducer(Map<String, Object> client) {
        producer = new KafkaProducer<>(Bench.kafka(client, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code records} records of {@code perRecord} findings of this product, spread over {@code over}. */
    void stream(String product, int records, int perRecord, Duration over) {
        stream(product, records, perRecord, over, i -> null);
    }

    /**
     * As {@link #stream(String, int, int, Duration)}, where {@code poison} gives the record to send instead of the
     * i-th one (its value and format header), or null to send the good one.
     */
    void stream(String product, int records, int perRecord, Duration over, IntFunction<String[]> poison) {
        stream(product, records, perRecord, over, poison, i -> false);
    }

    /** As above, sending the records {@code twice} selects a second time right after the first. */
    void stream(String product, int records, int perRecord, Duration over, IntFunction<String[]> poison,
            IntPredicate twice) {
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            long due = start + over.toNanos() * i / records;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            String[] bad = poison.apply(i);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(),
                    product + "-" + i, bad == null ? record(product, i, perRecord) : bad[0]);
            String format = bad == null ? "pillar" : bad[1];
            if (format != null) {
                record.headers().add("pillar-format", format.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (int n = twice.test(i) ? 2 : 1; n > 0; n--) {
                send(record);
            }
        }
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records could not be sent");
        }
    }

    /** Sends one record as it is (its key, value and headers). */
    void send(ProducerRecord<String, String> record) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        });
    }

    void flush() {
        producer.flush();
    }

    static String record(String product, int i, int perRecord) {
        StringBuilder json = new StringBuilder("{\"findings\": [");
        for (int f = 0; f < perRecord; f++) {
            if (f > 0) {
                json.append(',');
            }
            json.append("""
                    {"title": "Chaos finding %2$d.%3$d", "severity": "%4$s", "product": "%1$s", "rule": "rule-%3$d",
                     "resources": [{"uid": "urn:chaos:%1$s:%2$d"}]}""".formatted(product, i, f,
                    f % 2 == 0 ? "high" : "medium"));
        }
        return json.append("]}").toString();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
