package io.pillar.response.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import io.micrometer.core.instrument.MeterRegistry;
import io.pillar.contracts.Topic;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.kafka.PolledConsumer;
import io.pillar.platform.kafka.PolledConsumer.Rejected;
import io.pillar.response.service.RunResults;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * External executors' results on pillar.response.results complete the step that waits for them and drive the run on.
 * A result that names no waiting step of a known run, or cannot be read, goes to pillar.response.results.dlq with
 * the reason.
 */
@ApplicationScoped
public class ResultConsumer {
    private static final String GROUP = "response-service-results";
    @Inject
    MeterRegistry metrics;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    RunResults results;

    private PolledConsumer consumer;

    void start(@Observes StartupEvent started) {
        consumer = PolledConsumer.start(new PolledConsumer.Settings(Topic.RESPONSE_RESULTS.topicName(), GROUP, kafka,
                Map.of(), Duration.ofMillis(200)), this::process, metrics);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
    }

    public boolean alive() {
        return consumer != null && consumer.alive();
    }

    private List<Rejected> process(ConsumerRecords<String, byte[]> polled) {
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            try {
                CloudEvent event = CloudEvent.read(r.value() == null ? new byte[0] : r.value());
                var data = event.data();
                String run = data.path("run_id").asText(null);
                String step = data.path("step_id").asText(null);
                String status = data.path("status").asText(null);
                if (run == null || step == null || !("success".equals(status) || "failure".equals(status))) {
                    throw new IllegalArgumentException("$.data: run_id, step_id and status (success or failure) "
                            + "are required");
                }
                Map<String, String> outputs = new java.util.HashMap<>();
                data.path("outputs").properties().forEach(o -> outputs.put(o.getKey(), o.getValue().asText()));
                results.record(UUID.fromString(run), step, "success".equals(status), outputs,
                        data.path("error").asText(null), event.source());
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected(r, e.getMessage() == null
                        ? "unreadable result"
                        : e.getMessage()));
            }
        }
        return rejected;
    }
}
