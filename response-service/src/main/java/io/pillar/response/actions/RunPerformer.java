package io.pillar.response.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        return call -> run.simulation() ? simulate(run, call) : perform(run, call);
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
                    : http().perform(command, call.step(), call.playbook(), call.variables(), call.timeout(),
                            call.idempotencyKey());
            if (!(done instanceof Done d) || !d.success()) {
                return done;
            }
            outputs.putAll(d.outputs());
            d.outputs().forEach(call.variables()::set);
        }
        return new Done(true, outputs, null);
    }

    /**
     * What each command would do, how long a responder would be waited for, and why it would fail (a permission this
     * service lacks, a subject that is not the team's, a host off the allow-list or unknown); nothing is carried out.
     */
    private Performed simulate(RunContext run, ActionCall call) {
        StringBuilder would = new StringBuilder();
        List<String> failures = new ArrayList<>();
        long waitsMs = 0;
        for (JsonNode command : call.step().path("commands")) {
            String type = command.path("type").asText();
            String text = call.variables().substitute(command.path("command").asText());
            would.append(would.isEmpty() ? "" : "; ");
            if (Commands.manual(command)) {
                waitsMs += call.timeout().toMillis();
                would.append("would wait up to ").append(call.timeout()).append(" for a responder: ").append(text);
            } else if (Commands.external(command)) {
                would.append("would publish a ").append(type).append(" command on pillar.response.commands for an "
                        + "external executor and wait up to ").append(call.timeout()).append(" for its result");
                waitsMs += call.timeout().toMillis();
            } else if (PillarActions.COMMAND_TYPE.equals(type)) {
                would.append("would ").append(text).append(" ").append(call.variables().substitute(
                        command.path("arguments").toString()));
                pillar.wouldFail(command, run, call.variables()).ifPresent(failures::add);
            } else {
                try {
                    var request = http().request(command, call.step(), call.playbook(), call.variables(),
                            call.timeout());
                    would.append("would call ").append(request.method()).append(" ").append(request.uri());
                    java.net.InetAddress.getByName(request.uri().getHost());
                } catch (IllegalArgumentException e) {
                    would.append("would call: ").append(text);
                    failures.add(e.getMessage());
                } catch (java.net.UnknownHostException e) {
                    failures.add("host " + e.getMessage() + " is unknown: the call could not be made");
                }
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("__simulated__", would.toString());
        outputs.put("__simulated_wait_ms__", Long.toString(waitsMs));
        if (!failures.isEmpty()) {
            outputs.put("__would_fail__", String.join("; ", failures));
        }
        return new Done(true, outputs, null);
    }
}
