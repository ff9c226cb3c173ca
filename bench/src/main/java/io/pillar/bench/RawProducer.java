package io.pillar.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            long due = start + over.toNanos() * i / records;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(Topic.FINDINGS_RAW.topicName(),
                    product + "-" + i, record(product, i, perRecord));
            record.headers().add("pillar-format", "pillar".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
            });
        }
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records could not be sent");
        }
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
