package io.pillar.findings.parser;

import java.util.Set;

/** The report's format is unknown or could not be recognised; names the formats that were tried. */
public class UnsupportedFormatException extends Exception {
    private final Set<String> supported;

    public UnsupportedFormatException(String message, Set<String> supported) {
        super(message + "; supported formats: " + String.join(", ", supported));
        this.supported = supported;
    }

    public Set<String> supported() {
        return supported;
    }
}
