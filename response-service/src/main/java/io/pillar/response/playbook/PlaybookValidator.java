package io.pillar.response.playbook;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;

/** Everything that is checked before a playbook is stored or run: JSON, the CACAO schemas, workflow, definitions. */
public final class PlaybookValidator {

    private PlaybookValidator() {
    }

    /**
     * A document read and checked: its tree (null when it is not JSON), the errors (none when it is valid) and what
     * is accepted but worth saying.
     */
    public record Checked(ObjectNode playbook, List<PlaybookError> errors, List<PlaybookError> warnings) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    static final String PRACTICE_LABEL = "well-architected:";
    private static final java.util.regex.Pattern PRACTICE = java.util.regex.Pattern.compile("SEC\\d{2}-BP\\d{2}");

    /** A label meant to name a best practice ({@code well-architected:SEC10-BP04}) that names none is told. */
    static List<PlaybookError> practiceLabels(ObjectNode playbook) {
        List<PlaybookError> out = new ArrayList<>();
        JsonNode labels = playbook.path("labels");
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i).asText();
            if (label.startsWith(PRACTICE_LABEL)
                    && !PRACTICE.matcher(label.substring(PRACTICE_LABEL.length())).matches()) {
                out.add(new PlaybookError("$.labels[" + i + "]", "'" + label + "' names no Well-Architected best "
                        + "practice (well-architected:SECnn-BPnn, e.g. well-architected:SEC10-BP04): it is no "
                        + "posture evidence"));
            }
        }
        return out;
    }

    public static Checked check(String text) {
        JsonNode tree;
        try {
            // a playbook comes from outside: nesting, text and number lengths are bounded
            tree = Json.UNTRUSTED.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new Checked(null,
                    List.of(new PlaybookError("$", "not JSON" + where + ": " + e.getOriginalMessage())), List.of());
        }
        if (!(tree instanceof ObjectNode playbook)) {
            return new Checked(null, List.of(new PlaybookError("$", "a CACAO playbook is a JSON object")), List.of());
        }
        List<PlaybookError> errors = new ArrayList<>(CacaoSchema.validate(playbook));
        List<PlaybookError> warnings = new ArrayList<>();
        WorkflowCheck.check(playbook, errors, warnings);
        warnings.addAll(practiceLabels(playbook));
        errors.addAll(DefinitionCheck.check(playbook));
        errors.addAll(PillarActions.check(playbook));
        return new Checked(playbook, List.copyOf(errors), List.copyOf(warnings));
    }
}
