package io.pillar.findings.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.contracts.Topic;
import io.pillar.findings.Subscription;
import io.pillar.findings.repository.SubscriptionRepository;

/**
 * Which team topics a finding event is copied to: those of its own team's subscriptions that it matches. A team's
 * topic never carries another team's findings. Subscriptions are re-read at most every few seconds (and at once after
 * a change here), so that every instance sees others' changes soon.
 */
@ApplicationScoped
public class SubscriptionMatcher {
    private static final long RELOAD_NANOS = 5_000_000_000L;

    @Inject
    SubscriptionRepository subscriptions;

    private record Rule(String team, Set<Integer> severities, Set<String> statuses, Set<String> products,
            Set<String> controls, java.util.Map<String, String> assetTags) {

        boolean matchesTags(List<java.util.Map<String, String>> assets) {
            return assets.stream().anyMatch(tags -> assetTags.entrySet().stream()
                    .allMatch(t -> t.getValue().equals(tags.get(t.getKey()))));
        }

        boolean matches(String team, int severityId, String status, String product, String[] compliance) {
            return this.team.equals(team)
                    && (severities.isEmpty() || severities.contains(severityId))
                    && (statuses.isEmpty() || statuses.contains(status))
                    && (products.isEmpty() || products.contains(product))
                    && (controls.isEmpty() || compliance != null && List.of(compliance).stream()
                            .anyMatch(controls::contains));
        }
    }

    private volatile List<Rule> rules;
    private volatile long loadedAt;

    /** The team topics for one event of a finding with these fields; called within a transaction. */
    public Set<String> topicsFor(String team, int severityId, String status, String product, String[] compliance) {
        if (team == null) {
            return Set.of();
        }
        Set<String> topics = new LinkedHashSet<>();
        for (Rule rule : current()) {
            // a rule on asset tags waits for the finding's assets (see topicsForAssets)
            if (rule.assetTags().isEmpty() && rule.matches(team, severityId, status, product, compliance)) {
                topics.add(Topic.teamFindings(rule.team()));
            }
        }
        return topics;
    }

    /**
     * The team topics whose asset-tag subscriptions a finding matches, once its resources are resolved to assets
     * with these tags; called within a transaction.
     */
    public Set<String> topicsForAssets(String team, int severityId, String status, String product,
            String[] compliance, List<java.util.Map<String, String>> assetTags) {
        if (team == null || assetTags.isEmpty()) {
            return Set.of();
        }
        Set<String> topics = new LinkedHashSet<>();
        for (Rule rule : current()) {
            if (!rule.assetTags().isEmpty() && rule.matches(team, severityId, status, product, compliance)
                    && rule.matchesTags(assetTags)) {
                topics.add(Topic.teamFindings(rule.team()));
            }
        }
        return topics;
    }

    /** Forget the cache: the next event re-reads the subscriptions. */
    public void changed() {
        rules = null;
    }

    private List<Rule> current() {
        List<Rule> cached = rules;
        if (cached != null && System.nanoTime() - loadedAt < RELOAD_NANOS) {
            return cached;
        }
        List<Rule> loaded = new ArrayList<>();
        for (Subscription s : subscriptions.listAll()) {
            Set<Integer> severities = new LinkedHashSet<>();
            for (Short id : s.severityIds) {
                severities.add(id.intValue());
            }
            loaded.add(new Rule(s.team, severities, Set.of(s.statuses), Set.of(s.products), Set.of(s.controls),
                    s.assetTagMap()));
        }
        rules = loaded;
        loadedAt = System.nanoTime();
        return loaded;
    }
}
