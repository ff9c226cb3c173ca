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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.pillar.contracts.Topic;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.kafka.PolledConsumer;
import io.pillar.platform.kafka.PolledConsumer.Rejected;
import io.pillar.platform.problem.ProblemException;
import io.pillar.response.service.Triggers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads pillar.findings.events and fires the trigger rules of each finding's team. A trigger that cannot be fired now
 * (a service it asks is down) makes the poll be read again; the rules fire once per finding, so nothing doubles.
 */
@ApplicationScoped
public class FindingEventConsumer {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(
            FindingEventConsumer.class);
    static final String GROUP = "response-service";
    private static final String PREFIX = "io.pillar.finding.";
    @Inject
    MeterRegistry metrics;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    Triggers triggers;
    @ConfigProperty(name = "pillar.response.triggers.enabled", defaultValue = "true")
    boolean enabled;

    private PolledConsumer consumer;

    void start(@Observes StartupEvent started) {
        if (enabled) {
            consumer = PolledConsumer.start(new PolledConsumer.Settings(Topic.FINDINGS_EVENTS.topicName(), GROUP,
                    kafka, Map.of(), Duration.ofMillis(100)), this::process, metrics);
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (consumer != null) {
            consumer.close();
        }
    }

    public boolean alive() {
        return !enabled || (consumer != null && consumer.alive());
    }

    private List<Rejected> process(ConsumerRecords<String, byte[]> polled) {
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : polled) {
            Triggers.FindingEvent event;
            try {
                event = read(CloudEvent.read(r.value() == null ? new byte[0] : r.value()));
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected(r, e.getMessage()));
                continue;
            }
            if (event == null) {
                continue;
            }
            try {
                triggers.fire(event);
            } catch (ProblemException e) {
                if (e.status() >= 500) {
                    throw e; // a service is down: the poll is read again
                }
                LOG.warnf("finding event %s fired no trigger: %s", r.key(), e.getMessage());
                rejected.add(new Rejected(r, e.getMessage()));
            }
        }
        return rejected;
    }

    /** The finding as triggers see it; null for events triggers do not take (resolved, status changes). */
    static Triggers.FindingEvent read(CloudEvent event) {
        if (!event.type().startsWith(PREFIX)) {
            return null;
        }
        String type = event.type().substring(PREFIX.length());
        if (!type.equals("created") && !type.equals("updated")) {
            return null;
        }
        JsonNode data = event.data();
        JsonNode pillar = data.path("unmapped").path("pillar");
        String id = pillar.path("finding_id").asText(data.path("finding_info").path("uid").asText(null));
        if (id == null) {
            throw new IllegalArgumentException("$.data.unmapped.pillar.finding_id: missing");
        }
        List<String> controls = new ArrayList<>();
        String rule = pillar.path("rule").asText(null);
        if (rule != null) {
            controls.add(rule);
        }
        data.path("compliance").path("requirements").forEach(r -> controls.add(r.asText()));
        return new Triggers.FindingEvent(type, UUID.fromString(id), pillar.path("team").asText(null),
                data.path("severity_id").asInt(0), data.path("finding_info").path("title").asText(null),
                pillar.path("product").asText(null), rule, controls);
    }
}
