package io.pillar.response.playbook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the CACAO schemas cannot say about a workflow: every step a step names exists, every step is reachable from
 * {@code workflow_start} (or the exception handler), a step does not name both {@code on_completion} and
 * {@code on_success}/{@code on_failure}, and no step is caught in a loop that never reaches an end step. Branches
 * (if, while, switch, parallel) return to the step that opened them when they reach an end step, so an end step and
 * a step with no next step both count as exits.
 */
public final class WorkflowCheck {

    private static final Set<String> BRANCHES = Set.of("on_true", "on_false");

    private WorkflowCheck() {
    }

    /**
     * Adds the workflow's errors, in document order, and its warnings: an exception handler that is not in the
     * workflow is only warned of (real playbooks have one; an exception then fails the run, as with no handler).
     */
    public static void check(JsonNode playbook, List<PlaybookError> errors, List<PlaybookError> warnings) {
        JsonNode workflow = playbook.path("workflow");
        Map<String, List<Reference>> next = new LinkedHashMap<>();
        workflow.properties().forEach(e -> next.put(e.getKey(), references(e.getKey(), e.getValue())));

        List<String> roots = new ArrayList<>();
        for (String root : List.of("workflow_start", "workflow_exception")) {
            String id = playbook.path(root).asText(null);
            if (id == null) {
                continue;
            }
            if (!next.containsKey(id)) {
                (root.equals("workflow_start") ? errors : warnings)
                        .add(new PlaybookError("$." + root, "step " + id + " does not exist in the workflow"));
            } else {
                roots.add(id);
            }
        }
        for (Map.Entry<String, List<Reference>> step : next.entrySet()) {
            JsonNode node = workflow.get(step.getKey());
            if (node.has("on_completion") && (node.has("on_success") || node.has("on_failure"))) {
                errors.add(new PlaybookError(stepPath(step.getKey()),
                        "on_completion must not be given together with on_success or on_failure"));
            }
            if (node.path("condition").isTextual()) {
                String wrong = io.pillar.response.engine.Condition.syntaxError(node.get("condition").asText());
                if (wrong != null) {
                    warnings.add(new PlaybookError(stepPath(step.getKey()) + ".condition", "Pillar does not "
                            + "evaluate this condition (" + wrong + "): a run fails at this step"));
                }
            }
            for (Reference r : step.getValue()) {
                if (!next.containsKey(r.target())) {
                    errors.add(new PlaybookError(stepPath(step.getKey()) + r.path(),
                            "step " + r.target() + " does not exist in the workflow"));
                }
            }
        }
        Set<String> reached = reach(roots, next);
        for (String id : next.keySet()) {
            if (!reached.contains(id) && !roots.isEmpty()) {
                errors.add(new PlaybookError(stepPath(id), "step is not reachable from workflow_start"));
            }
        }
        Set<String> exits = reachesAnExit(workflow, next);
        for (String id : next.keySet()) {
            if (reached.contains(id) && !exits.contains(id)) {
                errors.add(new PlaybookError(stepPath(id), "step is in a loop without an exit: it never reaches an "
                        + "end step"));
            }
        }
    }

    /**
     * A step another step names, and where (relative to the naming step). A branch (on_true, on_false, next_steps,
     * cases) returns to the naming step at its end step; the others continue the sequence.
     */
    record Reference(String path, String target, boolean branch) {
    }

    static List<Reference> references(String id, JsonNode step) {
        List<Reference> refs = new ArrayList<>();
        for (String field : List.of("on_completion", "on_success", "on_failure", "on_true", "on_false")) {
            if (step.path(field).isTextual()) {
                refs.add(new Reference("." + field, step.get(field).asText(), BRANCHES.contains(field)));
            }
        }
        JsonNode parallel = step.path("next_steps");
        for (int i = 0; i < parallel.size(); i++) {
            refs.add(new Reference(".next_steps[" + i + "]", parallel.get(i).asText(), true));
        }
        step.path("cases").properties()
                .forEach(c -> refs.add(new Reference(".cases['" + c.getKey() + "']", c.getValue().asText(), true)));
        return refs;
    }

    public static String stepPath(String id) {
        return "$.workflow['" + id + "']";
    }

    private static Set<String> reach(List<String> roots, Map<String, List<Reference>> next) {
        Set<String> seen = new HashSet<>(roots);
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            for (Reference r : next.getOrDefault(todo.pop(), List.of())) {
                if (next.containsKey(r.target()) && seen.add(r.target())) {
                    todo.push(r.target());
                }
            }
        }
        return seen;
    }

    /**
     * Steps from which an exit (an end step, or a step naming no next step) can be reached by continuing the sequence:
     * a branch's end returns to the step that opened it, so branches are no way out of a loop.
     */
    private static Set<String> reachesAnExit(JsonNode workflow, Map<String, List<Reference>> next) {
        Map<String, List<String>> previous = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Map.Entry<String, List<Reference>> step : next.entrySet()) {
            List<Reference> continuing = step.getValue().stream().filter(r -> !r.branch()).toList();
            List<Reference> known = continuing.stream().filter(r -> next.containsKey(r.target())).toList();
            known.forEach(r -> previous.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(step.getKey()));
            boolean end = "end".equals(workflow.get(step.getKey()).path("type").asText());
            if (end || known.isEmpty() || known.size() < continuing.size()) {
                todo.push(step.getKey()); // a dangling name is reported on its own; it is no loop
            }
        }
        Set<String> exits = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            for (String p : previous.getOrDefault(todo.pop(), List.of())) {
                if (exits.add(p)) {
                    todo.push(p);
                }
            }
        }
        return exits;
    }
}
