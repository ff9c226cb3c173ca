package io.pillar.platform.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record that cannot be processed goes to {@code <topic>.dlq} unchanged (key, value, headers) with the reason and
 * its origin in headers. The header names are those of SmallRye's dead-letter-queue failure strategy, so the dead
 * letters of a hand-made consumer and of an {@code @Incoming} channel read alike.
 */
public final class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetters() {
    }

    public static String topicFor(String topic) {
        return topic + ".dlq";
    }

    public static <K, V> ProducerRecord<K, V> of(ConsumerRecord<K, V> record, String reason) {
        ProducerRecord<K, V> letter = new ProducerRecord<>(topicFor(record.topic()), null, record.key(),
                record.value());
        for (Header h : record.headers()) {
            letter.headers().add(h);
        }
        letter.headers().add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        letter.headers().add(PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add(OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return letter;
    }
}
