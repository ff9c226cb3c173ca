package io.pillar.response.playbook;

/** One reason a playbook is refused: where in the document (a JSON path, {@code $} for the whole) and what is wrong. */
public record PlaybookError(String path, String message) {
}
