package io.pillar.inventory.parser.fuzz;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.pillar.inventory.parser.AssetDraft;
import io.pillar.inventory.parser.AssetSink;
import io.pillar.inventory.parser.Collected;
import io.pillar.inventory.parser.MalformedInputException;

/**
 * A Jazzer fuzz target over one asset format (its name is the target's argument): any input must give assets and
 * rejections, or the documented error with a position; anything else, and any hang, is a bug.
 */
public final class AssetParserFuzzTarget {
    private static String format;

    public static void fuzzerInitialize(String[] args) {
        format = args[0];
        Collected.REGISTRY.byFormat(format).orElseThrow(() -> new IllegalArgumentException("no format " + format));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        check(format, data);
    }

    /** Detects and parses one input; throws an {@link AssertionError} for any outcome the parser does not document. */
    public static void check(String format, byte[] data) {
        Collected.REGISTRY.detect(new String(data, 0, Math.min(data.length, 64 * 1024), StandardCharsets.UTF_8));
        try {
            Collected.REGISTRY.parse(new ByteArrayInputStream(data), format, new AssetSink() {
                @Override
                public void accept(int index, AssetDraft asset) {
                    if (asset.naturalId == null || asset.naturalId.isBlank()) {
                        throw new AssertionError("an asset without a natural id at " + index);
                    }
                }

                @Override
                public void reject(int index, String reason) {
                    if (reason == null || reason.isBlank()) {
                        throw new AssertionError("item " + index + " rejected without a reason");
                    }
                }
            });
        } catch (MalformedInputException e) {
            if (e.line() < 1 && e.offset() < 0) {
                throw new AssertionError("refused without a position: " + e.getMessage(), e);
            }
        } catch (io.pillar.inventory.parser.UnsupportedFormatException e) {
            throw new AssertionError("the format was named, yet: " + e.getMessage(), e);
        }
    }

    private AssetParserFuzzTarget() {
    }
}
