package io.pillar.inventory.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.inventory.repository.bulk.EvidenceCounts;
import io.pillar.inventory.repository.bulk.EvidenceCounts.AccountEnvironments;
import io.pillar.inventory.repository.bulk.EvidenceCounts.TypeCount;
import io.pillar.inventory.rules.Rule;
import io.pillar.inventory.rules.RuleBook;
import io.pillar.platform.posture.ScopeSql;

/**
 * What the inventory gives as posture evidence: each rule in force (its violations arrive as findings; here, how many
 * assets of the scope it evaluates), and two measures of its own: accounts that mix environments (SEC01-BP01) and
 * assets that no rule written for their type evaluates (SEC01-BP03).
 */
@ApplicationScoped
public class InventoryEvidence {
    public static final String CATALOG = "2024-06-27";
    static final String ACCOUNT_SEPARATION = "measure/account-separation";
    static final String CONTROL_COVERAGE = "measure/control-coverage";
    /** Identifiers a finding named that no import described: not a kind of asset a control could be written for. */
    static final String UNCLASSIFIED = "unclassified";

    /** One evidence source; {@code kind} is "findings" or "measure". */
    public record Source(String id, String title, List<String> bestPractices, String kind) {
    }

    /** What a source observed in a scope. */
    public record Observation(String sourceId, long evaluated, long failing, String risk, Instant observedAt,
            String detail) {
    }

    @Inject
    RuleBook rules;
    @Inject
    EvidenceCounts counts;

    public List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (Rule rule : rules.current().rules()) {
            out.add(new Source("rule/" + rule.id(), rule.title(), rule.bestPractices(), "findings"));
        }
        out.add(new Source(ACCOUNT_SEPARATION, "Each account holds the assets of one environment",
                List.of("SEC01-BP01"), "measure"));
        out.add(new Source(CONTROL_COVERAGE, "Every asset is evaluated by a control written for its type",
                List.of("SEC01-BP03"), "measure"));
        return out;
    }

    /** The scope, and the teams of the asking person, as a condition over assets. */
    public static ScopeSql scope(io.pillar.contracts.PostureScope scope, List<String> teams, boolean everyTeam) {
        return ScopeSql.of(scope, teams, everyTeam, EvidenceCounts.ASSET);
    }

    public List<Observation> observe(ScopeSql scope) {
        return observe(rules.current().rules(), counts.byType(scope), counts.environmentsByAccount(scope));
    }

    /** The observations from the counts: kept apart from the database for the tests. */
    static List<Observation> observe(List<Rule> inForce, Map<String, TypeCount> byType,
            List<AccountEnvironments> accounts) {
        List<Observation> out = new ArrayList<>();
        for (Rule rule : inForce) {
            long evaluated = 0;
            Instant last = null;
            for (var e : byType.entrySet()) {
                if (rule.appliesTo(e.getKey())) {
                    evaluated += e.getValue().assets();
                    last = latest(last, e.getValue().lastChanged());
                }
            }
            if (evaluated > 0) {
                out.add(new Observation("rule/" + rule.id(), evaluated, 0, "", last,
                        rule.title() + ": evaluated on " + evaluated + " asset(s) at each change"));
            }
        }
        if (!accounts.isEmpty()) {
            List<String> mixed = accounts.stream().filter(a -> a.environments() > 1).map(AccountEnvironments::account)
                    .sorted().toList();
            out.add(new Observation(ACCOUNT_SEPARATION, accounts.size(), mixed.size(), "medium", null,
                    mixed.isEmpty()
                            ? accounts.size() + " account(s), each holding one environment at most"
                            : mixed.size() + " of " + accounts.size() + " account(s) hold assets of several "
                                    + "environments: " + String.join(", ", mixed.subList(0, Math.min(5, mixed.size())))
                                    + (mixed.size() > 5 ? " ..." : "")));
        }
        long all = byType.values().stream().mapToLong(TypeCount::assets).sum();
        if (all > 0) {
            long assets = all;
            TreeSet<String> uncovered = new TreeSet<>();
            long uncoveredAssets = 0;
            Instant last = null;
            for (var e : byType.entrySet()) {
                last = latest(last, e.getValue().lastChanged());
                if (e.getKey().equals(UNCLASSIFIED)) {
                    assets -= e.getValue().assets();
                    continue;
                }
                boolean covered = inForce.stream().anyMatch(r -> !r.resourceTypes().contains("*")
                        && r.resourceTypes().contains(e.getKey()));
                if (!covered) {
                    uncovered.add(e.getKey());
                    uncoveredAssets += e.getValue().assets();
                }
            }
            if (assets > 0) {
                out.add(new Observation(CONTROL_COVERAGE, assets, uncoveredAssets, "medium", last,
                        uncovered.isEmpty()
                                ? "every one of " + assets + " asset(s) is evaluated by a rule written for its type"
                                : uncoveredAssets + " of " + assets + " asset(s) are of a type no rule is written "
                                        + "for: " + String.join(", ", uncovered)));
            }
        }
        return out;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }

    /** The ids of a scope's assets (for the findings about a tag or account scope). */
    public List<java.util.UUID> assetIds(ScopeSql scope, int limit) {
        return counts.assetIds(scope, limit);
    }
}
