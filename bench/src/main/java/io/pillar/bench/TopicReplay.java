package io.pillar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic read again by a consumer group of its own, from where it ended when this was made up to where it ends
 * when asked: the records in between, sent again as they are (as an operator's replay tool would).
 */
final class TopicReplay implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Map<TopicPartition, Long> from = new HashMap<>();

    TopicReplay(Map<String, Object> kafka, String topic) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(Bench.kafka(kafka, ConsumerConfig.GROUP_ID_CONFIG,
                "chaos-replay-" + UUID.randomUUID()), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.endOffsets(partitions).forEach(from::put);
    }

    /** Reads every record since the start and sends again those that pass; returns how many it sent. */
    int sendAgain(Predicate<ConsumerRecord<String, String>> which, Consumer<ProducerRecord<String, String>> send) {
        Map<TopicPartition, Long> to = consumer.endOffsets(from.keySet());
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        int sent = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (to.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition())) && which.test(r)) {
                    ProducerRecord<String, String> again = new ProducerRecord<>(topic, r.key(), r.value());
                    r.headers().forEach(h -> again.headers().add(h));
                    send.accept(again);
                    sent++;
                }
            }
        }
        return sent;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
