package io.pillar.findings.parser;

import java.util.Map;
import java.util.Set;

import io.pillar.platform.problem.ProblemException;

/** The report's format is unknown or could not be recognised; names the formats that were tried. */
public class UnsupportedFormatException extends ProblemException {
    private final Set<String> supported;

    public UnsupportedFormatException(String message, Set<String> supported) {
        super(415, "Unsupported Media Type", message + "; supported formats: " + String.join(", ", supported));
        this.supported = supported;
    }

    public Set<String> supported() {
        return supported;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("supported_formats", supported);
    }
}
