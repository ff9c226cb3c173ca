package io.pillar.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * A topic read a poll at a time, for consumers that process a poll as one unit (one database transaction for many
 * records), which an {@code @Incoming} channel does not offer. The handler returns the records it could not process,
 * each with its reason; they go to {@code <topic>.dlq} (see {@link DeadLetters}). Offsets are committed (every
 * {@code commitInterval} at most) only after the handler returned and its dead letters were acknowledged; when the
 * handler throws, the poll is read again a second later, then 2, 4, ... up to 30 s while it keeps failing, so nothing
 * is lost and a record may be processed twice (handlers are idempotent). Keys are strings and values the bytes sent, as for every Pillar input topic.
 */
public final class PolledConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PolledConsumer.class);

    /** Processes one poll; returns the records that cannot be processed, ever, with the reason. */
    @FunctionalInterface
    public interface Handler {
        List<Rejected> handle(ConsumerRecords<String, byte[]> polled);
    }

    /** A record that cannot be processed, and why (the dead letter's {@code dead-letter-reason}). */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /**
     * @param kafka the service's Kafka client configuration ({@code default-kafka-broker}: bootstrap servers and
     *            security), completed here with the group, offsets and client ids
     * @param tuning further consumer settings (fetch sizes, max.poll.records)
     */
    public record Settings(String topic, String group, Map<String, Object> kafka, Map<String, Object> tuning,
            Duration commitInterval) {
    }

    private final Settings settings;
    private final Handler handler;
    private MeterRegistry metrics;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long lastPoll;
    private long lastCommit;
    /** Polls in a row the handler failed on (the database away, say). */
    private int failures;
    private Thread thread;

    private PolledConsumer(Settings settings, Handler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    /** Starts reading on a thread of its own. */
    public static PolledConsumer start(Settings settings, Handler handler) {
        return start(settings, handler, null);
    }

    /**
     * As {@link #start(Settings, Handler)}, counting dead letters in {@code pillar_dead_letters_total} (by topic and
     * kind of reason) and exposing the consumer's own metrics (its lag among them) in the registry.
     */
    public static PolledConsumer start(Settings settings, Handler handler, MeterRegistry metrics) {
        PolledConsumer c = new PolledConsumer(settings, handler);
        c.metrics = metrics;
        c.running = true;
        c.lastPoll = System.currentTimeMillis();
        c.thread = Thread.ofPlatform().name(settings.group() + "-" + settings.topic()).daemon().start(c::run);
        return c;
    }

    /** Whether the loop polled in the last minute. */
    public boolean alive() {
        return running && System.currentTimeMillis() - lastPoll < 60_000;
    }

    /** Stops after the poll in hand, commits the positions of what was processed and waits up to 10 s. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    private void run() {
        String client = settings.group() + "-" + settings.topic();
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.putAll(settings.tuning());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, client);
        // a static member: after a crash, the restarted process takes its partitions back as it joins, instead of
        // everyone waiting for the dead member's session to time out; one that does not come back is replaced after
        // the session timeout
        config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                (client + "." + instance()).replaceAll("[^A-Za-z0-9._-]", "_"));
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        Map<String, Object> producerConfig = new HashMap<>(settings.kafka());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, client + "-dlq");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerOnly(config), new StringDeserializer(),
                new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> deadLetters = new KafkaProducer<>(producerOnly(producerConfig),
                        new StringSerializer(), new ByteArraySerializer())) {
            consumer = c;
            KafkaClientMetrics clientMetrics = null;
            if (metrics != null) {
                clientMetrics = new KafkaClientMetrics(c);
                clientMetrics.bindTo(metrics);
            }
            c.subscribe(List.of(settings.topic()));
            LOG.infof("reading %s as group %s", settings.topic(), settings.group());
            try {
                loop(c, deadLetters);
            } catch (WakeupException e) {
                // closing
            }
            // positions are past processed records only (a failed poll was rewound): keep them
            commitOnClose(c);
            if (clientMetrics != null) {
                clientMetrics.close();
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "the %s consumer stopped", settings.topic());
        } finally {
            running = false;
        }
    }

    private void loop(KafkaConsumer<String, byte[]> c, KafkaProducer<String, byte[]> deadLetters) {
        while (running) {
            lastPoll = System.currentTimeMillis();
            ConsumerRecords<String, byte[]> polled = c.poll(Duration.ofMillis(500));
            if (polled.isEmpty()) {
                continue;
            }
            try {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (Rejected r : handler.handle(polled)) {
                    sent.add(deadLetters.send(DeadLetters.of(r.record(), r.reason())));
                    if (metrics != null) {
                        DeadLetters.count(metrics, settings.topic(), r.reason());
                    }
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
                // a commit per poll would cost the broker more than the records do; records read again after a
                // crash are processed again, which handlers make harmless
                if (System.nanoTime() - lastCommit >= settings.commitInterval().toNanos()) {
                    c.commitAsync();
                    lastCommit = System.nanoTime();
                }
                failures = 0;
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures++;
                Duration wait = Backoff.after(failures);
                // the first failure in a row with its stack, the next ones in a line
                LOG.warnf(failures == 1 ? e : null, "records of %s not processed yet (%d time(s) in a row), reading "
                        + "them again in %d s: %s", settings.topic(), failures, wait.toSeconds(), e.getMessage());
                rewind(c, polled);
                pause(wait);
            }
        }
    }

    /** This process among the group's members: host and HTTP port, the same when it is started again here. */
    private static String instance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class)
                .orElse("0");
    }

    /** A wakeup that came while the handler ran is raised by the next blocking call, once: this one. */
    private static void commitOnClose(KafkaConsumer<String, byte[]> c) {
        try {
            c.commitSync();
        } catch (WakeupException e) {
            c.commitSync();
        }
    }

    /** Back to the first record of the poll in each partition. */
    private static void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> polled) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        first.forEach(c::seek);
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The shared client map may hold settings of the other client kind; each client is given its own. */
    private static Map<String, Object> consumerOnly(Map<String, Object> config) {
        Map<String, Object> out = new HashMap<>(config);
        out.keySet().retainAll(ConsumerConfig.configNames());
        return out;
    }

    private static Map<String, Object> producerOnly(Map<String, Object> config) {
        Map<String, Object> out = new HashMap<>(config);
        out.keySet().retainAll(ProducerConfig.configNames());
        return out;
    }
}
