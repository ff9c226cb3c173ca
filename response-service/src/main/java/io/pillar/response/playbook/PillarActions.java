package io.pillar.response.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pillar's own actions, a CACAO extension (docs/pillar-actions.md): a command of type {@code x-pillar} whose
 * {@code command} names the action and whose {@code arguments} object holds its inputs.
 */
public final class PillarActions {
    public static final String COMMAND_TYPE = "x-pillar";
    /** Each action and the arguments it needs (one of those separated by {@code |}). */
    public static final Map<String, List<String>> ACTIONS = Map.of(
            "quarantine-asset", List.of("asset"),
            "disable-credential", List.of("principal"),
            "update-findings", List.of("findings", "status"),
            "capture-evidence", List.of("asset|principal"),
            "notify", List.of("to", "message"));
    /** Actions that contain damage: the approver of such a step may not be the run's requester. */
    public static final Set<String> CONTAINMENT = Set.of("quarantine-asset", "disable-credential");
    /** CACAO playbook activities (playbook-activity-type-ov) that contain damage whatever executes them. */
    private static final Set<String> CONTAINING_ACTIVITIES = Set.of("restrict-access", "disconnect-system",
            "eliminate-risk");

    private PillarActions() {
    }

    /** Whether a command contains damage: a Pillar containment action, or an activity that restricts or cuts off. */
    public static boolean contains(JsonNode command) {
        boolean pillar = COMMAND_TYPE.equals(command.path("type").asText())
                && CONTAINMENT.contains(command.path("command").asText());
        return pillar || CONTAINING_ACTIVITIES.contains(command.path("playbook_activity").asText());
    }

    /** The errors of the playbook's Pillar commands: an unknown action, a missing argument. */
    public static List<PlaybookError> check(JsonNode playbook) {
        List<PlaybookError> errors = new ArrayList<>();
        playbook.path("workflow").properties().forEach(step -> {
            JsonNode commands = step.getValue().path("commands");
            for (int i = 0; i < commands.size(); i++) {
                JsonNode c = commands.get(i);
                if (!COMMAND_TYPE.equals(c.path("type").asText())) {
                    continue;
                }
                String at = WorkflowCheck.stepPath(step.getKey()) + ".commands[" + i + "]";
                List<String> needs = ACTIONS.get(c.path("command").asText());
                if (needs == null) {
                    errors.add(new PlaybookError(at + ".command", "unknown Pillar action \"" + c.path("command")
                            .asText() + "\": one of "
                            + String.join(", ", ACTIONS.keySet().stream().sorted().toList())));
                    continue;
                }
                for (String need : needs) {
                    if (List.of(need.split("\\|")).stream().noneMatch(a -> c.path("arguments").hasNonNull(a))) {
                        errors.add(new PlaybookError(at + ".arguments", c.path("command").asText() + " needs "
                                + need.replace("|", " or ")));
                    }
                }
            }
        });
        return errors;
    }

    /** Whether any action step of the playbook has a command that contains damage. */
    public static boolean anyContainment(JsonNode playbook) {
        for (JsonNode step : playbook.path("workflow")) {
            for (JsonNode command : step.path("commands")) {
                if (contains(command)) {
                    return true;
                }
            }
        }
        return false;
    }
}
