package io.pillar.response.actions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.Topic;
import io.pillar.platform.events.CloudEvent;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.outbox.OutboxEvent;
import io.pillar.response.engine.ActionPerformer.Performed;
import io.pillar.response.engine.ActionPerformer.Waiting;
import io.pillar.response.engine.Variables;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A command Pillar does not carry out itself (openc2-http, ssh, bash, powershell, ...): published on
 * pillar.response.commands for an external executor, whose result comes back on pillar.response.results for the run
 * and step. The record's key is the run, its CloudEvent id the step's idempotency key, so an executor that sees a
 * command twice (after a crash) knows it.
 */
@ApplicationScoped
public class ExternalCommand {
    public static final String COMMAND = "io.pillar.response.command";
    @Inject
    Outbox outbox;

    public Performed publish(JsonNode command, JsonNode step, JsonNode playbook, RunContext run, String stepKey,
            String idempotencyKey, Variables vars) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("run_id", run.runId().toString()).put("step_id", stepKey).put("team", run.team());
        ObjectNode c = data.putObject("command");
        command.properties().forEach(e -> c.set(e.getKey(), e.getValue().isTextual()
                ? Json.MAPPER.getNodeFactory().textNode(vars.substitute(e.getValue().asText()))
                : e.getValue()));
        ObjectNode agent = data.putObject("agent");
        agent.put("id", step.path("agent").asText());
        agent.set("definition", playbook.path("agent_definitions").path(step.path("agent").asText()));
        var targets = data.putArray("targets");
        step.path("targets").forEach(t -> targets.addObject().put("id", t.asText())
                .set("definition", playbook.path("target_definitions").path(t.asText())));
        String key = run.runId().toString();
        Map<String, String> headers = run.team() == null ? Map.of() : Map.of("pillar-team", run.team());
        QuarkusTransaction.requiringNew().run(() -> outbox.add(List.of(new OutboxEvent(
                Topic.RESPONSE_COMMANDS.topicName(), key, COMMAND, CloudEvent.write(idempotencyKey,
                        CloudEvent.source("response-service"), COMMAND, key, Instant.now(),
                        g -> Json.MAPPER.writeValue(g, data)),
                headers))));
        return new Waiting(null, Map.of("command", command.path("type").asText(), "executor",
                "pillar.response.commands"));
    }
}
