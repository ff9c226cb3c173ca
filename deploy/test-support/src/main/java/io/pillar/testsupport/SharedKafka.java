package io.pillar.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

import io.pillar.contracts.Topic;

/**
 * One real Kafka broker per JVM: the one named by PILLAR_TEST_KAFKA_BOOTSTRAP if set, else a container where a Docker
 * engine runs, else an in-process KRaft broker. The platform's topics are created on it.
 */
public final class SharedKafka {
    /** The image docker-compose.yml runs. */
    public static final String IMAGE = "apache/kafka:4.1.2";
    private static final Logger LOG = Logger.getLogger(SharedKafka.class.getName());
    private static String bootstrap;

    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            bootstrap = start();
            createTopics(bootstrap);
        }
        return bootstrap;
    }

    private static String start() {
        String external = System.getenv("PILLAR_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            LOG.info("Kafka for tests: the running broker at " + external);
            return external;
        }
        if (Docker.available()) {
            LOG.info("Kafka for tests: container " + IMAGE);
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return container.getBootstrapServers();
        }
        LOG.info("Kafka for tests: in-process KRaft broker (no Docker engine)");
        // a broker fault while the JVM shuts down must not halt the test JVM (surefire would see a crashed fork)
        org.apache.kafka.common.utils.Exit.setExitProcedure(
                (code, message) -> LOG.warning("in-process broker asked to exit " + code + ": " + message));
        org.apache.kafka.common.utils.Exit.setHaltProcedure(
                (code, message) -> LOG.warning("in-process broker asked to halt " + code + ": " + message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    LOG.warning("stopping the test broker: " + e);
                }
            }));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start an in-process Kafka broker", e);
        }
    }

    private static void createTopics(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                topics.add(new NewTopic(topic.topicName(), topic.partitions(), (short) 1)
                        .configs(topic.configs()));
            }
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private SharedKafka() {
    }
}
