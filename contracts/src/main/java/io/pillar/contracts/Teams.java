package io.pillar.contracts;

import java.util.regex.Pattern;

/** What a team's name may be (a top-level group of the realm): it names topics, Kafka clients and groups too. */
public final class Teams {
    /** Lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters. */
    public static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
    private static final Pattern PATTERN = Pattern.compile(NAME);

    public static boolean isName(String team) {
        return team != null && PATTERN.matcher(team).matches();
    }

    private Teams() {
    }
}
