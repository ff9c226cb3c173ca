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

    /** Dead letters sent, by topic read and kind of reason: {@code pillar_dead_letters_total{topic, reason}}. */
    public static final String METRIC = "pillar_dead_letters_total";

    /**
     * What kind of reason a dead letter has, a few words a metric can carry (the reason itself names the record's
     * own faults): not-json, unknown-format, invalid (records or findings refused), bad-header, other.
     */
    public static String kind(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("not valid json") || r.contains("no value")) {
            return "not-json";
        }
        if (r.contains("not recognised") || r.contains("unknown format") || r.contains("could not be detected")) {
            return "unknown-format";
        }
        if (r.contains("header")) {
            return "bad-header";
        }
        if (r.contains("rejected") || r.contains("required") || r.contains("must")) {
            return "invalid";
        }
        return "other";
    }

    /** Counts one dead letter of {@code topic} in {@link #METRIC}. */
    public static void count(io.micrometer.core.instrument.MeterRegistry metrics, String topic, String reason) {
        metrics.counter(METRIC, "topic", topic, "reason", kind(reason)).increment();
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
