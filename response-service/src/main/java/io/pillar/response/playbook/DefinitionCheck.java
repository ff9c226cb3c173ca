package io.pillar.response.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The playbook's definitions as its steps use them: every agent, target and authentication info a step or definition
 * names is defined, and every contact address (where notifications go) is well-formed.
 */
public final class DefinitionCheck {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{3,30}");

    private DefinitionCheck() {
    }

    public static List<PlaybookError> check(JsonNode playbook) {
        List<PlaybookError> errors = new ArrayList<>();
        JsonNode agents = playbook.path("agent_definitions");
        JsonNode targets = playbook.path("target_definitions");
        JsonNode auth = playbook.path("authentication_info_definitions");
        playbook.path("workflow").properties().forEach(step -> {
            String at = WorkflowCheck.stepPath(step.getKey());
            JsonNode s = step.getValue();
            if (s.path("agent").isTextual() && !agents.has(s.get("agent").asText())) {
                errors.add(new PlaybookError(at + ".agent",
                        "agent " + s.get("agent").asText() + " is not in agent_definitions"));
            }
            JsonNode named = s.path("targets");
            for (int i = 0; i < named.size(); i++) {
                if (!targets.has(named.get(i).asText())) {
                    errors.add(new PlaybookError(at + ".targets[" + i + "]",
                            "target " + named.get(i).asText() + " is not in target_definitions"));
                }
            }
            JsonNode commands = s.path("commands");
            for (int i = 0; i < commands.size(); i++) {
                authentication(commands.get(i), at + ".commands[" + i + "]", auth, errors);
            }
        });
        definitions(agents, "$.agent_definitions", auth, errors);
        definitions(targets, "$.target_definitions", auth, errors);
        return errors;
    }

    private static void definitions(JsonNode definitions, String path, JsonNode auth, List<PlaybookError> errors) {
        definitions.properties().forEach(d -> {
            String at = path + "['" + d.getKey() + "']";
            authentication(d.getValue(), at, auth, errors);
            addresses(d.getValue().path("contact").path("email"), at + ".contact.email", EMAIL, "e-mail address",
                    errors);
            addresses(d.getValue().path("contact").path("phone"), at + ".contact.phone", PHONE, "phone number",
                    errors);
        });
    }

    private static void authentication(JsonNode holder, String at, JsonNode auth, List<PlaybookError> errors) {
        if (holder.path("authentication_info").isTextual() && !auth.has(holder.get("authentication_info").asText())) {
            errors.add(new PlaybookError(at + ".authentication_info", "authentication info "
                    + holder.get("authentication_info").asText() + " is not in authentication_info_definitions"));
        }
    }

    private static void addresses(JsonNode byKind, String at, Pattern form, String what, List<PlaybookError> errors) {
        byKind.properties().forEach(a -> {
            String value = a.getValue().asText("");
            if (!a.getValue().isTextual() || !form.matcher(value).matches()) {
                errors.add(new PlaybookError(at + "['" + a.getKey() + "']", "not a well-formed " + what));
            }
        });
    }

    /** Whether the text is an e-mail address this service would send a notification to. */
    public static boolean isEmail(String text) {
        return text != null && EMAIL.matcher(text).matches();
    }
}
