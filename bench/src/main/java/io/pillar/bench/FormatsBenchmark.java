package io.pillar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.pillar.findings.parser.FindingParser;
import io.pillar.findings.parser.FindingSink;
import io.pillar.findings.parser.JsonReport;
import io.pillar.findings.parser.NormalizedFinding;
import io.pillar.findings.parser.ReportSource;
import io.pillar.findings.parser.grype.GrypeParser;
import io.pillar.findings.parser.mapped.MappedFormat;
import io.pillar.findings.parser.mapped.MappingLoader;

/**
 * The formats benchmark (issue: declarative mappings): the same Grype report of N matches read by the hand-written
 * {@code grype} parser and by a mapping of the same fields ({@code grype-mapped.yaml}), in alternating rounds, in one
 * JVM without the stack. The same-run ceiling is reading the report's records as JSON trees and nothing else, what
 * every parser does first. Arguments: [matches=100000] [rounds=5].
 */
public final class FormatsBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path report = Files.createTempFile("pillar-bench-grype", ".json");
        try {
            write(report, n);
            System.out.printf("Formats benchmark: a Grype report of %,d matches (%.1f MB), %d rounds after a warm-up,"
                    + " %d cores%n", n, Files.size(report) / 1e6, rounds, Runtime.getRuntime().availableProcessors());
            String mapping;
            try (InputStream in = FormatsBenchmark.class.getResourceAsStream("/grype-mapped.yaml")) {
                mapping = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            MappedFormat mapped = MappingLoader.parse("grype-mapped.yaml", mapping, Set.of("grype"), id -> true);
            FindingParser code = new GrypeParser();
            ReportSource source = ReportSource.of(report);
            List<Long> ceiling = new ArrayList<>();
            List<Long> handWritten = new ArrayList<>();
            List<Long> mappedTimes = new ArrayList<>();
            for (int round = -2; round < rounds; round++) {
                long c = time(() -> treesOnly(report, n));
                long h = time(() -> parse(code, source, n));
                long m = time(() -> parse(mapped, source, n));
                if (round >= 0) {
                    ceiling.add(c);
                    handWritten.add(h);
                    mappedTimes.add(m);
                }
            }
            long c = median(ceiling);
            long h = median(handWritten);
            long m = median(mappedTimes);
            System.out.printf("%-44s %10s %14s %18s%n", "", "median s", "records/s", "ceiling/this");
            row("ceiling: records read as JSON trees", c, n, c);
            row("grype (hand-written parser)", h, n, c);
            row("grype-mapped (mapping file, CEL)", m, n, c);
            List<Long> ratios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                ratios.add(Math.round(1000.0 * mappedTimes.get(i) / handWritten.get(i)));
            }
            System.out.printf("mapped / hand-written time: %.2f of the medians, %.2f the median of each round's pair "
                    + "(target <= 2.00)%nrounds: hand-written %s, mapped %s%n", (double) m / h, median(ratios) / 1000.0,
                    seconds(handWritten), seconds(mappedTimes));
        } finally {
            Files.deleteIfExists(report);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static long time(Run run) throws Exception {
        long t0 = System.nanoTime();
        run.run();
        return System.nanoTime() - t0;
    }

    private static void row(String name, long nanos, int n, long ceiling) {
        System.out.printf("%-44s %10.2f %,14.0f %18.2f%n", name, nanos / 1e9, n / (nanos / 1e9),
                (double) ceiling / nanos);
    }

    private static String seconds(List<Long> times) {
        return times.stream().map(t -> String.format("%.2f", t / 1e9)).toList().toString();
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void parse(FindingParser parser, ReportSource source, int expected) throws Exception {
        int[] counts = new int[2];
        parser.parse(source, new FindingSink() {
            @Override
            public void accept(NormalizedFinding finding) {
                counts[0]++;
            }

            @Override
            public void reject(long index, String reason) {
                counts[1]++;
            }
        });
        if (counts[0] != expected || counts[1] != 0) {
            throw new IllegalStateException(parser.format() + " gave " + counts[0] + " findings and " + counts[1]
                    + " rejections, expected " + expected);
        }
    }

    private static void treesOnly(Path report, int expected) throws IOException {
        int count = 0;
        try (InputStream in = Files.newInputStream(report); JsonParser p = JsonReport.MAPPER.createParser(in)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                p.nextToken();
                if (p.currentName().equals("matches")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.readValueAsTree();
                        count++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (count != expected) {
            throw new IllegalStateException("read " + count + " records, expected " + expected);
        }
    }

    /** A Grype report of an image: n matches (the image comes after them, as Grype writes it). */
    static void write(Path file, int n) throws IOException {
        String[] severities = {"Negligible", "Low", "Medium", "High", "Critical"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"matches\": [");
            for (int i = 0; i < n; i++) {
                String id = i % 3 == 0 ? "GHSA-" + i : "CVE-2026-" + (10_000 + i);
                out.write((i == 0 ? "" : ",") + """
                        {"vulnerability": {"id": "%s", "dataSource": "https://example.com/%s", "namespace": "nvd:cpe",
                          "severity": "%s", "urls": ["https://example.com/%s"],
                          "description": "A flaw in package-%d allows an attacker to do something unwanted.",
                          "cvss": [{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                            "metrics": {"baseScore": %d.5, "exploitabilityScore": 3.9, "impactScore": 5.9}}],
                          "fix": {"versions": ["%d.1.0"], "state": "fixed"}, "advisories": []},
                         "relatedVulnerabilities": [{"id": "CVE-2026-%d", "dataSource": "https://nvd.example/%d",
                           "namespace": "nvd:cpe", "severity": "High", "cvss": []}],
                         "matchDetails": [{"type": "exact-direct-match", "matcher": "java-matcher",
                           "searchedBy": {"language": "java", "namespace": "github:language:java"},
                           "found": {"versionConstraint": "<%d.1.0"}}],
                         "artifact": {"id": "a%d", "name": "package-%d", "version": "%d.0.0", "type": "java-archive",
                           "locations": [{"path": "/app/lib/package-%d.jar", "layerID": "sha256:aaaa"}],
                           "language": "java", "licenses": ["Apache-2.0"],
                           "cpes": ["cpe:2.3:a:example:package-%d:%d.0.0:*:*:*:*:*:*:*"],
                           "purl": "pkg:maven/com.example/package-%d@%d.0.0"}}
                        """.formatted(id, id, severities[i % 5], id, i, i % 10, i % 7 + 1, 10_000 + i, i, i % 7 + 1,
                        i, i, i % 5 + 1, i, i, i % 5 + 1, i, i % 5 + 1));
            }
            out.write(
                    "], \"source\": {\"type\": \"image\", \"target\": {\"userInput\": \"registry.example.com/bench:1\","
                            + " \"manifestDigest\": \"sha256:bbbb\"}}, \"distro\": {\"name\": \"debian\", \"version\": \"12\"},"
                            + " \"descriptor\": {\"name\": \"grype\", \"version\": \"0.80.0\", \"timestamp\": "
                            + "\"2026-12-01T10:00:00Z\"}}");
        }
    }

    private FormatsBenchmark() {
    }
}
