package io.pillar.response.actions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.response.engine.ActionPerformer;
import io.pillar.response.engine.ActionPerformer.ActionCall;
import io.pillar.response.engine.ActionPerformer.Done;
import io.pillar.response.engine.ActionPerformer.Performed;
import io.pillar.response.engine.ActionPerformer.Waiting;
import io.pillar.response.playbook.PillarActions;

/**
 * Carries out an action step's commands in order. Automated ones (x-pillar, http-api) run here; the first failure
 * fails the step. A manual command makes the step wait for a responder; any other type is published for an external
 * executor and the step waits for its result. A step whose commands are all automated is done when they are. In a
 * simulation (game day) nothing is carried out: each command is recorded as what it would have done.
 */
@ApplicationScoped
public class RunPerformer {
    @Inject
    PillarCommand pillar;
    @Inject
    ExternalCommand external;
    @ConfigProperty(name = "pillar.response.http.allowed-hosts", defaultValue = " ")
    Set<String> allowedHosts;

    private HttpApiCommand http;

    HttpApiCommand http() {
        if (http == null) {
            http = new HttpApiCommand(allowedHosts);
        }
        return http;
    }

    public ActionPerformer forRun(RunContext run) {
        return call -> run.simulation() ? simulate(call) : perform(run, call);
    }

    private Performed perform(RunContext run, ActionCall call) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (JsonNode command : call.step().path("commands")) {
            if (Commands.manual(command)) {
                return new Waiting(null, Map.of("instruction", call.variables().substitute(command.path("command")
                        .asText(command.path("description").asText(""))), "manual", "true"));
            }
            if (Commands.external(command)) {
                return external.publish(command, call.step(), call.playbook(), run, call.stepKey(),
                        call.idempotencyKey(), call.variables());
            }
            Performed done = PillarActions.COMMAND_TYPE.equals(command.path("type").asText())
                    ? pillar.perform(command, run, call.stepKey(), call.idempotencyKey(), call.playbook(),
                            call.variables())
                    : http().perform(command, call.step(), call.playbook(), call.variables(), call.timeout());
            if (!(done instanceof Done d) || !d.success()) {
                return done;
            }
            outputs.putAll(d.outputs());
            d.outputs().forEach(call.variables()::set);
        }
        return new Done(true, outputs, null);
    }

    /** What each command would do, and how long a responder would be waited for; nothing is carried out. */
    private Performed simulate(ActionCall call) {
        StringBuilder would = new StringBuilder();
        for (JsonNode command : call.step().path("commands")) {
            String type = command.path("type").asText();
            would.append(would.isEmpty() ? "" : "; ").append(Commands.manual(command)
                    ? "would wait up to " + call.timeout() + " for a responder: " + command.path("command").asText()
                    : Commands.external(command)
                            ? "would publish a " + type + " command for an external executor"
                            : type + " " + call.variables().substitute(command.path("command").asText()));
        }
        return new Done(true, Map.of("__simulated__", would.toString()), null);
    }
}
