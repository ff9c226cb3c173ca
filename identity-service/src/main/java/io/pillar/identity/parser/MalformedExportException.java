package io.pillar.identity.parser;

import java.util.Map;

import io.pillar.platform.problem.ProblemException;

/** An export that cannot be read as its format at all: where ({@code at}, a JSON path or CSV line) and why. */
public class MalformedExportException extends ProblemException {
    private final String at;

    public MalformedExportException(String at, String reason) {
        super(400, "Bad Request", at + ": " + reason);
        this.at = at;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("at", at);
    }
}
