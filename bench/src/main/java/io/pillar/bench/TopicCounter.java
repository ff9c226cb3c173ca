package io.pillar.bench;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the records a topic receives from now on (the benchmark is the platform's only producer while it runs). */
final class TopicCounter implements AutoCloseable {
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    TopicCounter(Map<String, Object> kafka, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Bench.kafka(kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        Bench.fromNow(consumer, topic);
        thread = Thread.ofPlatform().name("bench-" + topic).start(() -> {
            try (consumer) {
                while (running.get()) {
                    count.addAndGet(consumer.poll(Duration.ofMillis(20)).count());
                }
            }
        });
    }

    long count() {
        return count.get();
    }

    void reset() {
        count.set(0);
    }

    /** Waits until {@code n} records came; returns when (nanoTime), or now if the time ran out. */
    long await(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count.get() >= n) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        System.out.println("  (timed out waiting: " + count.get() + " of " + n + " records)");
        return System.nanoTime();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
