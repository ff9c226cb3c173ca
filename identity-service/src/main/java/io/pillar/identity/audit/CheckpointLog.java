package io.pillar.identity.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pillar.contracts.Topic;
import io.smallrye.common.annotation.Identifier;

/**
 * The signed checkpoints, on their own compacted topic: outside the database, so that whoever can rewrite the ledger's
 * tables cannot move them. Read whole (by assignment, no consumer group) each time the ledger is verified.
 */
@ApplicationScoped
public class CheckpointLog {
    private static final String TOPIC = Topic.AUDIT_CHECKPOINTS.topicName();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private KafkaProducer<String, String> producer;

    /** What the topic holds: the checkpoints, and the records that are not checkpoints (with their offsets). */
    public record Contents(List<Checkpoint> checkpoints, List<String> malformed) {
    }

    /** Publishes a checkpoint and waits until the broker has it. */
    public synchronized void publish(Checkpoint c) {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG,
                    "identity-service") + "-checkpoints");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(TOPIC, c.key(), c.toJson())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the checkpoint could not be published: " + e.getMessage(), e);
        }
    }

    /** Every checkpoint on the topic, oldest first. */
    public Contents read() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG,
                "identity-service") + "-checkpoint-reader");
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the checkpoints could not be read within 60 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        checkpoints.add(Checkpoint.fromJson(r.value()));
                    } catch (IllegalArgumentException e) {
                        malformed.add("offset " + r.offset() + ": " + e.getMessage());
                    }
                }
            }
        }
        // a compacted topic may still hold a re-published checkpoint twice: the same seq counts once
        Map<Long, Checkpoint> bySeq = new HashMap<>();
        checkpoints.forEach(c -> bySeq.put(c.seq(), c));
        List<Checkpoint> sorted = new ArrayList<>(bySeq.values());
        sorted.sort(Comparator.comparingLong(Checkpoint::seq));
        return new Contents(sorted, malformed);
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
