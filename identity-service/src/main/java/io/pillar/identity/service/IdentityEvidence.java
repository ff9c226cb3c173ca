package io.pillar.identity.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.identity.audit.LedgerVerifier;
import io.pillar.identity.checks.CheckInfo;
import io.pillar.identity.checks.IdentityChecks;
import io.pillar.identity.repository.bulk.EvidenceCounts;
import io.pillar.platform.posture.ScopeSql;

/**
 * What the identity-service gives as posture evidence: each identity check (its failures arrive as findings; here,
 * how many principals of the scope it evaluated) and the audit ledger's verification (SEC04-BP02), which is the
 * platform's own and the same in every scope.
 */
@ApplicationScoped
public class IdentityEvidence {
    public static final String CATALOG = "2024-06-27";
    static final String AUDIT_LEDGER = "measure/audit-ledger";
    public record Source(String id, String title, List<String> bestPractices, String kind) {
    }

    public record Observation(String sourceId, long evaluated, long failing, String risk, String detail) {
    }

    @Inject
    IdentityChecks checks;
    @Inject
    LedgerVerifier ledger;
    @Inject
    EvidenceCounts counts;

    public List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (CheckInfo check : checks.checks().values()) {
            out.add(new Source("check/" + check.id(), check.title(), check.bestPractices(), "findings"));
        }
        out.add(new Source(AUDIT_LEDGER, "The audit ledger's hash chain and signed checkpoints verify",
                List.of("SEC04-BP02"), "measure"));
        return out;
    }

    /** The scope, and the teams of the asking person, as a condition over identity accounts. */
    public static ScopeSql scope(io.pillar.contracts.PostureScope scope, List<String> teams, boolean everyTeam) {
        return ScopeSql.of(scope, teams, everyTeam, EvidenceCounts.ACCOUNT);
    }

    public List<Observation> observe(ScopeSql scope) {
        List<Observation> out = new ArrayList<>(observe(checks.checks().values(), counts.principals(scope)));
        out.add(ledgerObservation(ledger.latest()));
        return out;
    }

    /** The background verification's latest result ({@link io.pillar.identity.audit.LedgerWatch}). */
    static Observation ledgerObservation(LedgerVerifier.Verified latest) {
        if (latest == null) {
            return new Observation(AUDIT_LEDGER, 0, 0, "high", "the audit ledger's first verification since the "
                    + "identity-service started has not finished yet");
        }
        LedgerVerifier.Verification v = latest.verification();
        return new Observation(AUDIT_LEDGER, Math.max(1, v.entries()), v.valid() ? 0 : 1, "high", (v.valid()
                ? "the audit ledger verifies: " + v.entries() + " entries, " + v.checkpoints() + " signed checkpoints"
                : "the audit ledger does not verify: " + v.problems().size() + " problem(s), the first at entry "
                        + v.firstBadSeq())
                + " (verified at " + latest.at() + ")");
    }

    /** A check evaluates the principals of the accounts it is written for (Keycloak realms, AWS accounts). */
    static List<Observation> observe(Iterable<CheckInfo> all, EvidenceCounts.Principals in) {
        List<Observation> out = new ArrayList<>();
        for (CheckInfo check : all) {
            long evaluated;
            String what;
            if (check.id().startsWith("keycloak-")) {
                evaluated = in.keycloak();
                what = " Keycloak user(s) and client(s)";
            } else if (check.id().startsWith("access-analyzer-")) {
                evaluated = in.accountsWithExternalAccess();
                what = " AWS account(s) with IAM Access Analyzer results";
            } else {
                evaluated = in.aws();
                what = " AWS principal(s)";
            }
            if (evaluated > 0) {
                out.add(new Observation("check/" + check.id(), evaluated, 0, "", check.title() + ": evaluated on "
                        + evaluated + what + " at each import"));
            }
        }
        return out;
    }
}
