package io.pillar.response.actions;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.response.playbook.PillarActions;

/** How each CACAO command type is carried out. */
public final class Commands {
    /** Carried out here, at once. */
    public static final Set<String> AUTOMATED = Set.of(PillarActions.COMMAND_TYPE, "http-api");

    private Commands() {
    }

    public static boolean manual(JsonNode command) {
        return "manual".equals(command.path("type").asText());
    }

    /** Any other type (openc2-http, ssh, bash, powershell, ...) goes to an external executor on Kafka. */
    public static boolean external(JsonNode command) {
        return !manual(command) && !AUTOMATED.contains(command.path("type").asText());
    }
}
