package io.pillar.inventory.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.inventory.Asset;
import io.pillar.inventory.repository.AssetRepository;

/** Natural identifiers to assets, in batches; an identifier the inventory does not know is registered, unclassified. */
@ApplicationScoped
public class AssetResolution {
    /** The type of an asset registered only because something referred to it. */
    public static final String UNCLASSIFIED = "unclassified";

    @Inject
    AssetRepository assets;

    public record Reference(String identifier, String type, String provider) {
    }

    /** @return one asset per reference, in the order of the references */
    @Transactional
    public List<Asset> resolve(List<Reference> references) {
        Map<String, Reference> unique = new LinkedHashMap<>();
        for (Reference ref : references) {
            if (ref.identifier() == null || ref.identifier().isBlank()) {
                throw new IllegalArgumentException("resources[" + references.indexOf(ref) + "].identifier is empty");
            }
            unique.putIfAbsent(ref.identifier(), ref);
        }
        Instant now = Instant.now();
        for (Reference ref : unique.values()) {
            assets.insertIfAbsent(UUID.randomUUID(), ref.identifier(),
                    ref.type() == null || ref.type().isBlank() ? UNCLASSIFIED : ref.type(), blankToNull(ref.provider()),
                    now);
        }
        Map<String, Asset> byIdentifier = assets.byNaturalIds(unique.keySet());
        return references.stream().map(r -> byIdentifier.get(r.identifier())).toList();
    }

    @Transactional
    public Optional<Asset> get(UUID id) {
        return assets.findByIdOptional(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
