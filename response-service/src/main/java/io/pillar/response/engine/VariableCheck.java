package io.pillar.response.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.response.playbook.PlaybookError;
import io.pillar.response.playbook.WorkflowCheck;

/**
 * Before a run starts: every variable the workflow refers to has a value, from the playbook's variables, a step's
 * variables, a step's out arguments (set while it runs), the run's inputs or the run itself. A run of a playbook that
 * refers to a variable nobody sets never starts.
 */
public final class VariableCheck {
    /** Set by every run: its id, team and incident, and the error the exception handler is called for. */
    public static final Set<String> BUILT_IN = Set.of("__run_id__", "__team__", "__incident_id__",
            "__pillar_error__", "__finding_id__");

    private VariableCheck() {
    }

    public static List<PlaybookError> missing(JsonNode playbook, Map<String, String> inputs) {
        Set<String> known = new HashSet<>(BUILT_IN);
        known.addAll(inputs.keySet());
        playbook.path("playbook_variables").properties().forEach(v -> {
            if (v.getValue().has("value") || !v.getValue().path("external").asBoolean(false)) {
                known.add(v.getKey());
            }
        });
        for (JsonNode step : playbook.path("workflow")) {
            step.path("step_variables").fieldNames().forEachRemaining(known::add);
            step.path("out_args").forEach(a -> known.add(a.asText()));
        }
        List<PlaybookError> errors = new ArrayList<>();
        playbook.path("workflow").properties().forEach(step -> {
            JsonNode s = step.getValue();
            for (String field : List.of("commands", "condition", "switch", "in_args")) {
                for (String name : Variables.referencedIn(s.path(field).toString())) {
                    if (!known.contains(name)) {
                        errors.add(new PlaybookError(WorkflowCheck.stepPath(step.getKey()) + "." + field,
                                "variable " + name + " has no value: give it as an input of the run"));
                    }
                }
            }
        });
        for (String definitions : List.of("agent_definitions", "target_definitions")) {
            playbook.path(definitions).properties().forEach(d -> d.getValue().properties().forEach(field -> {
                for (String name : Variables.referencedIn(field.getValue().toString())) {
                    if (!known.contains(name)) {
                        errors.add(new PlaybookError("$." + definitions + "['" + d.getKey() + "']." + field.getKey(),
                                "variable " + name + " has no value: give it as an input of the run"));
                    }
                }
            }));
        }
        return errors.stream().distinct().toList();
    }
}
