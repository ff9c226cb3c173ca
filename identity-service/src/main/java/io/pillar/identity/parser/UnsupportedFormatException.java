package io.pillar.identity.parser;

import java.util.Map;
import java.util.Set;

import io.pillar.platform.problem.ProblemException;

/** The export's format is unknown or was not recognised; names the formats there are. */
public class UnsupportedFormatException extends ProblemException {
    private final Set<String> supported;

    public UnsupportedFormatException(String message, Set<String> supported) {
        super(415, "Unsupported Media Type", message + "; supported formats: " + String.join(", ", supported));
        this.supported = supported;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("supported_formats", supported);
    }
}
