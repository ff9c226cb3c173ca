package io.pillar.contracts;

import java.util.regex.Pattern;

/**
 * What a posture is scored over: the whole organisation ({@code org}), a team ({@code team:payments}), a cloud
 * account ({@code account:123456789012}) or a workload named by an asset tag ({@code tag:app=checkout}). The same
 * text is the {@code scope} of the posture API and, split in kind and value, the scope of the Evidence gRPC calls.
 */
public record PostureScope(String kind, String value) {
    public static final String ORG = "org";
    public static final String TEAM = "team";
    public static final String ACCOUNT = "account";
    public static final String TAG = "tag";
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9:._/@-]{1,300}");
    private static final Pattern TAG_KEY = Pattern.compile("[^=\\s][^=]{0,127}");

    public static final PostureScope WHOLE_ORGANISATION = new PostureScope(ORG, "");

    /** Checked: an unknown kind or a malformed value is an IllegalArgumentException that says which. */
    public PostureScope {
        kind = kind == null || kind.isBlank() ? ORG : kind;
        value = value == null ? "" : value;
        switch (kind) {
            case ORG -> {
                if (!value.isEmpty()) {
                    throw new IllegalArgumentException("scope: org takes no value");
                }
            }
            case TEAM -> {
                if (!Teams.isName(value)) {
                    throw new IllegalArgumentException("scope: not a team name: " + value);
                }
            }
            case ACCOUNT -> {
                if (!ACCOUNT_ID.matcher(value).matches()) {
                    throw new IllegalArgumentException("scope: not an account id: " + value);
                }
            }
            case TAG -> {
                int eq = value.indexOf('=');
                if (eq < 1 || !TAG_KEY.matcher(value.substring(0, eq)).matches() || value.length() - eq - 1 > 256) {
                    throw new IllegalArgumentException("scope: a tag scope is tag:<key>=<value>, not tag:" + value);
                }
            }
            default -> throw new IllegalArgumentException(
                    "scope: one of org, team:<team>, account:<id>, tag:<key>=<value>, not " + kind);
        }
    }

    /** Parses {@code org}, {@code team:<team>}, {@code account:<id>}, {@code tag:<key>=<value>}; blank is org. */
    public static PostureScope parse(String text) {
        if (text == null || text.isBlank() || text.equals(ORG)) {
            return WHOLE_ORGANISATION;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "scope: one of org, team:<team>, account:<id>, tag:<key>=<value>, not " + text);
        }
        return new PostureScope(text.substring(0, colon), text.substring(colon + 1));
    }

    public String tagKey() {
        return value.substring(0, value.indexOf('='));
    }

    public String tagValue() {
        return value.substring(value.indexOf('=') + 1);
    }

    @Override
    public String toString() {
        return kind.equals(ORG) ? ORG : kind + ":" + value;
    }
}
