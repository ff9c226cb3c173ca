package io.pillar.inventory.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pillar.inventory.parser.awsconfig.AwsConfigParser;
import io.pillar.inventory.parser.ec2describe.Ec2DescribeParser;
import io.pillar.inventory.parser.pillar.PillarAssetParser;

/** What a parser made of a report: the accepted assets and the rejections by item index. */
public final class Collected implements AssetSink {
    /** The registry of the service's parsers, as CDI builds it. */
    public static final ParserRegistry REGISTRY = new ParserRegistry(List.of(new AwsConfigParser(),
            new Ec2DescribeParser(), new PillarAssetParser()));

    public final List<AssetDraft> assets = new ArrayList<>();
    public final Map<Integer, String> rejected = new TreeMap<>();
    public String format;

    @Override
    public void accept(int index, AssetDraft asset) {
        assets.add(asset);
    }

    @Override
    public void reject(int index, String reason) {
        rejected.put(index, reason);
    }

    public AssetDraft byNaturalId(String id) {
        return assets.stream().filter(a -> a.naturalId.equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no asset " + id + " among " + assets.stream()
                        .map(a -> a.naturalId).toList()));
    }

    public static Collected fixture(String path, String format) throws Exception {
        try (InputStream in = Collected.class.getClassLoader().getResourceAsStream("inventory/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return parse(in, format);
        }
    }

    public static Collected file(Path file, String format) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Collected parse(InputStream in, String format) throws Exception {
        Collected c = new Collected();
        c.format = REGISTRY.parse(in, format, c);
        return c;
    }
}
