package io.pillar.inventory.parser;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.pillar.platform.problem.ProblemException;

/** The format named (or detected) is not one the inventory reads. */
public class UnsupportedFormatException extends ProblemException {
    private final List<String> supported;

    public UnsupportedFormatException(String message, Collection<String> supported) {
        super(415, "Unsupported Media Type", message);
        this.supported = List.copyOf(supported);
    }

    public List<String> supported() {
        return supported;
    }

    @Override
    public Map<String, Object> members() {
        return Map.of("supported_formats", supported);
    }
}
