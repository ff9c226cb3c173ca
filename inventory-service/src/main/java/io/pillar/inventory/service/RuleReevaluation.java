package io.pillar.inventory.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pillar.inventory.repository.AssetRepository;
import io.pillar.inventory.repository.StoredAsset;
import io.pillar.inventory.repository.bulk.AssetWrites;
import io.pillar.inventory.rules.RuleBook;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * When a new rule set comes into force, every active asset is evaluated against it (its document unchanged): a rule
 * added as a file finds the assets that already violate it, a changed rule resolves what it no longer flags, and the
 * violations of a removed rule are resolved.
 */
@ApplicationScoped
public class RuleReevaluation {
    private static final Logger LOG = Logger.getLogger(RuleReevaluation.class);
    private static final int BATCH = 1_000;

    @Inject
    AssetRepository inventory;
    @Inject
    AssetWrites writes;
    @Inject
    AssetChanges changes;

    void onNewRules(@ObservesAsync RuleBook.Changed changed) {
        long started = System.nanoTime();
        int assets = 0;
        int events = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            Round round = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                writes.lockForChanges();
                List<StoredAsset> page = inventory.activeAfter(from, BATCH);
                return page.isEmpty()
                        ? null
                        : new Round(page.size(), changes.evaluateAll(page, Instant.now()),
                                page.get(page.size() - 1).id());
            });
            if (round == null) {
                break;
            }
            assets += round.assets();
            events += round.events();
            after = round.last();
        }
        LOG.infof("%d assets evaluated against the new rule set in %d ms: %d findings or resolutions", assets,
                (System.nanoTime() - started) / 1_000_000, events);
    }

    /** One page of the walk: how many assets, how many events, and the last asset's id. */
    private record Round(int assets, int events, UUID last) {
    }
}
