package io.pillar.platform.jobs;

/** What an import says it covers (an image, an account and region, a repository), as the client names it. */
public final class JobScope {
    private static final String PATTERN = "[A-Za-z0-9._:/@-]{1,200}";

    /** The scope, trimmed (null when blank); refused unless it is 1 to 200 letters, digits or . _ : / @ -. */
    public static String check(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        String trimmed = scope.trim();
        if (!trimmed.matches(PATTERN)) {
            throw new IllegalArgumentException("scope must be 1 to 200 letters, digits or . _ : / @ -, was " + scope);
        }
        return trimmed;
    }

    private JobScope() {
    }
}
