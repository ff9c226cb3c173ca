package io.pillar.response.playbook;

import java.util.List;
import java.util.Map;

import io.pillar.platform.problem.ProblemException;

/** A playbook refused: 422 with each error and where it is (a JSON path into the document). */
public class InvalidPlaybookException extends ProblemException {
    private final List<PlaybookError> errors;

    public InvalidPlaybookException(List<PlaybookError> errors) {
        super(422, "Invalid playbook", errors.size() + (errors.size() == 1 ? " error" : " errors") + ", first at "
                + errors.get(0).path() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<PlaybookError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("errors", errors);
    }
}
