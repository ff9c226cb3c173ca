package io.pillar.identity.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.AwsPrincipal.AccessKey;
import io.pillar.identity.aws.AwsPrincipal.Credentials;

/**
 * Checks of the credential report (root user, MFA, access key age and use, inactive users, machine users with keys)
 * and of how users get their permissions. Ages count to the report's generation time when it says, else to the
 * time of the analysis.
 */
final class CredentialChecks {
    static final Duration MAX_AGE = Duration.ofDays(90);
    static final Duration ROOT_RECENT = Duration.ofDays(30);

    void run(AccountModel model, Instant now, List<Violation> out) {
        for (AwsPrincipal p : model.account().principals().values()) {
            if (AwsPrincipal.USER.equals(p.kind()) && (!p.inlinePolicies().isEmpty()
                    || !p.managedPolicies().isEmpty())) {
                out.add(new Violation("iam-user-policies-attached", p.arn(), "iam_user",
                        (p.inlinePolicies().size() + p.managedPolicies().size())
                                + " policies attached to the user itself: "
                                + String.join(", ", p.inlinePolicies().stream().map(i -> "inline " + i.name())
                                        .toList())
                                + (p.inlinePolicies().isEmpty() || p.managedPolicies().isEmpty() ? "" : ", ")
                                + String.join(", ", p.managedPolicies()),
                        null));
            }
            Credentials c = p.credentials();
            if (c == null) {
                continue;
            }
            Instant asOf = c.reportedAt() != null ? c.reportedAt() : now;
            List<AccessKey> active = c.accessKeys().stream().filter(AccessKey::active).toList();
            if (AwsPrincipal.ROOT.equals(p.kind())) {
                root(p, c, active, asOf, out);
            } else {
                user(p, c, active, asOf, out);
            }
        }
    }

    private static void root(AwsPrincipal p, Credentials c, List<AccessKey> active, Instant asOf,
            List<Violation> out) {
        if (!active.isEmpty()) {
            out.add(new Violation("root-access-keys", p.arn(), "aws_root_user",
                    active.size() + " active access key(s): slot " + active.stream()
                            .map(k -> String.valueOf(k.slot())).reduce((a, b) -> a + ", " + b).orElse(""),
                    null));
        }
        if (!c.mfaActive()) {
            out.add(new Violation("root-no-mfa", p.arn(), "aws_root_user", "the root user has no MFA device", null));
        }
        Instant last = latest(c.passwordLastUsed(), active.stream().map(AccessKey::lastUsed).toList());
        if (last != null && last.isAfter(asOf.minus(ROOT_RECENT))) {
            out.add(new Violation("root-recent-use", p.arn(), "aws_root_user", "last used " + last, null));
        }
    }

    private static void user(AwsPrincipal p, Credentials c, List<AccessKey> active, Instant asOf,
            List<Violation> out) {
        boolean password = Boolean.TRUE.equals(c.passwordEnabled());
        if (password && !c.mfaActive()) {
            out.add(new Violation("user-console-without-mfa", p.arn(), "iam_user",
                    "console password enabled, no MFA device", null));
        }
        Instant cutoff = asOf.minus(MAX_AGE);
        for (AccessKey k : active) {
            if (k.lastRotated() != null && k.lastRotated().isBefore(cutoff)) {
                out.add(new Violation("user-access-key-old", p.arn() + "#access-key-" + k.slot(), "iam_access_key",
                        "access key " + k.slot() + " of " + p.name() + " last rotated " + k.lastRotated(), null));
            }
            Instant used = k.lastUsed() != null ? k.lastUsed() : k.lastRotated();
            if (used != null && used.isBefore(cutoff)) {
                out.add(new Violation("user-access-key-unused", p.arn() + "#access-key-" + k.slot(),
                        "iam_access_key", "access key " + k.slot() + " of " + p.name()
                                + (k.lastUsed() == null ? " never used since " + used : " last used " + used),
                        null));
            }
        }
        if (active.size() == 2) {
            out.add(new Violation("user-two-active-access-keys", p.arn(), "iam_user",
                    "access keys 1 and 2 are both active", null));
        }
        Instant last = latest(c.passwordLastUsed(), c.accessKeys().stream().map(AccessKey::lastUsed).toList());
        Instant since = last != null ? last : p.createdAt();
        if (since != null && since.isBefore(cutoff) && (password || !active.isEmpty())) {
            out.add(new Violation("user-inactive", p.arn(), "iam_user",
                    last == null ? "never signed in or used a key since its creation " + since : "last active " + last,
                    null));
        }
        if (!password && !active.isEmpty()) {
            out.add(new Violation("user-long-term-keys", p.arn(), "iam_user",
                    active.size() + " active access key(s) and no console password: a workload's identity", null));
        }
    }

    private static Instant latest(Instant first, List<Instant> more) {
        Instant last = first;
        for (Instant i : more) {
            if (i != null && (last == null || i.isAfter(last))) {
                last = i;
            }
        }
        return last;
    }
}
