package io.pillar.inventory.parser;

/** Receives a report's assets in order: each item is either accepted or rejected with the reason. */
public interface AssetSink {
    void accept(int index, AssetDraft asset);

    void reject(int index, String reason);
}
