package io.pillar.response.playbook.fuzz;

import java.nio.charset.StandardCharsets;

import io.pillar.response.playbook.PlaybookError;
import io.pillar.response.playbook.PlaybookValidator;

/**
 * A Jazzer fuzz target over the checks a CACAO playbook goes through before it is stored: any input must come out
 * valid, or with errors that each say where (a JSON path); an exception, and any hang, is a bug.
 */
public final class PlaybookFuzzTarget {

    public static void fuzzerInitialize(String[] args) {
        // one target: the argument names it in the findings' folder
    }

    public static void fuzzerTestOneInput(byte[] data) {
        check(data);
    }

    public static void check(byte[] data) {
        PlaybookValidator.Checked checked = PlaybookValidator.check(new String(data, StandardCharsets.UTF_8));
        for (PlaybookError e : checked.errors()) {
            if (e.path() == null || e.path().isBlank() || e.message() == null || e.message().isBlank()) {
                throw new AssertionError("an error that does not say where or why: " + e);
            }
        }
        if (checked.valid() && checked.playbook() == null) {
            throw new AssertionError("valid without a playbook");
        }
    }

    private PlaybookFuzzTarget() {
    }
}
