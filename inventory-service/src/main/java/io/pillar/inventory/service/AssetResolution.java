package io.pillar.inventory.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.inventory.mapping.AssetDocument;
import io.pillar.inventory.repository.AssetRepository;
import io.pillar.inventory.repository.StoredAsset;
import io.pillar.inventory.repository.bulk.AssetLookups;
import io.pillar.inventory.repository.bulk.AssetWrites;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Natural identifiers to assets, in batches; an identifier the inventory does not know is registered, unclassified. */
@ApplicationScoped
public class AssetResolution {
    /** The type of an asset registered only because something referred to it. */
    public static final String UNCLASSIFIED = "unclassified";

    @Inject
    AssetRepository assets;
    @Inject
    AssetLookups lookups;
    @Inject
    AssetWrites writes;
    @Inject
    AssetChanges changes;

    public record Reference(String identifier, String type, String provider) {
    }

    /** @return one asset per reference, in the order of the references */
    public List<StoredAsset> resolve(List<Reference> references, String actor) {
        Map<String, Reference> unique = new LinkedHashMap<>();
        for (int i = 0; i < references.size(); i++) {
            Reference ref = references.get(i);
            if (ref.identifier() == null || ref.identifier().isBlank()) {
                throw new IllegalArgumentException("resources[" + i + "].identifier is empty");
            }
            if (ref.identifier().length() > 2048) {
                throw new IllegalArgumentException("resources[" + i + "].identifier is longer than 2048 characters");
            }
            unique.putIfAbsent(ref.identifier(), ref);
        }
        Map<String, StoredAsset> known = QuarkusTransaction.requiringNew()
                .call(() -> lookups.byIdentifiers(unique.keySet()));
        if (!known.keySet().containsAll(unique.keySet())) {
            known = QuarkusTransaction.requiringNew().call(() -> register(unique, actor));
        }
        Map<String, StoredAsset> byIdentifier = known;
        return references.stream().map(r -> byIdentifier.get(r.identifier())).toList();
    }

    private Map<String, StoredAsset> register(Map<String, Reference> unique, String actor) {
        writes.lockForChanges();
        Map<String, StoredAsset> known = lookups.byIdentifiers(unique.keySet());
        List<AssetChanges.Change> news = new ArrayList<>();
        for (Reference ref : unique.values()) {
            if (known.containsKey(ref.identifier())) {
                continue;
            }
            ObjectNode doc = AssetDocument.complete(null);
            doc.put("type", ref.type() == null || ref.type().isBlank() ? UNCLASSIFIED : ref.type());
            doc.put("natural_id", ref.identifier());
            doc.putArray("identifiers").add(ref.identifier());
            if (ref.provider() != null && !ref.provider().isBlank()) {
                doc.put("provider", ref.provider());
            }
            news.add(AssetChanges.Change.of(null, doc, List.of()));
        }
        changes.commit(news, actor, "resolve", Instant.now());
        return lookups.byIdentifiers(unique.keySet());
    }

    /** The inventory's account asset for an account id (who owns the account), if it has one. */
    public Optional<StoredAsset> account(String account) {
        return QuarkusTransaction.requiringNew().call(() -> assets.activeAccount(account));
    }

    public Optional<StoredAsset> get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> assets.current(id));
    }
}
