package io.pillar.identity.policy;

/**
 * Where a statement comes from: the kind of policy ({@code inline}, {@code managed}, {@code boundary}), its name and
 * ARN (null for inline policies), and what it reaches the principal through ({@code null} when attached to it,
 * {@code group Admins} for a group's policy).
 */
public record PolicySource(String kind, String name, String arn, String via) {

    public String describe() {
        String what = kind + " policy " + (arn != null ? arn : name);
        return via == null ? what : what + " through " + via;
    }
}
