package io.pillar.inventory.parser;

import java.util.List;

/** The format named (or detected) is not one the inventory reads. */
public class UnsupportedFormatException extends Exception {
    private final List<String> supported;

    public UnsupportedFormatException(String message, List<String> supported) {
        super(message);
        this.supported = supported;
    }

    public List<String> supported() {
        return supported;
    }
}
