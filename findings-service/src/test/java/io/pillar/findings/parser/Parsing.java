package io.pillar.findings.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.pillar.findings.parser.asff.AsffParser;
import io.pillar.findings.parser.grype.GrypeParser;
import io.pillar.findings.parser.guardduty.GuardDutyParser;
import io.pillar.findings.parser.inspector2.Inspector2Parser;
import io.pillar.findings.parser.mapped.MappingLoader;
import io.pillar.findings.parser.ocsf.OcsfParser;
import io.pillar.findings.parser.pillar.PillarParser;
import io.pillar.findings.parser.prowlerv3.ProwlerV3Parser;
import io.pillar.findings.parser.sarif.SarifParser;
import io.pillar.findings.parser.snyk.SnykParser;
import io.pillar.findings.parser.trivy.TrivyParser;
import io.pillar.findings.parser.zap.ZapParser;
import io.pillar.findings.service.BestPractices;

/** Test helpers: every parser without CDI (and the shipped mappings), and a sink that keeps what it is given. */
public final class Parsing {
    public static final ParserRegistry REGISTRY = new ParserRegistry(List.of(new AsffParser(), new GuardDutyParser(),
            new OcsfParser(), new PillarParser(), new ProwlerV3Parser(), new SarifParser(), new TrivyParser(),
            new GrypeParser(), new SnykParser(), new Inspector2Parser(),
            new ZapParser()));

    static {
        MappingLoader.Result mapped = MappingLoader.loadFolder(Path.of("mappings"), REGISTRY.builtIn(),
                new BestPractices()::known);
        if (!mapped.errors().isEmpty()) {
            throw new IllegalStateException("the shipped mappings do not load: " + mapped.errors());
        }
        REGISTRY.useMapped(mapped.formats());
    }

    public record Rejection(long index, String reason) {
    }

    public static final class Collected implements FindingSink {
        public final List<NormalizedFinding> findings = new ArrayList<>();
        public final List<Rejection> rejections = new ArrayList<>();

        @Override
        public void accept(NormalizedFinding finding) {
            findings.add(finding);
        }

        @Override
        public void reject(long index, String reason) {
            rejections.add(new Rejection(index, reason));
        }
    }

    public static Collected parse(FindingParser parser, Path file) throws IOException, MalformedReportException {
        Collected out = new Collected();
        parser.parse(ReportSource.of(file), out);
        return out;
    }

    public static Collected parse(FindingParser parser, String json) throws IOException, MalformedReportException {
        Collected out = new Collected();
        parser.parse(ReportSource.of(json.getBytes(StandardCharsets.UTF_8)), out);
        return out;
    }

    /** Parses one of this project's fixtures, {@code src/test/resources/scans/<format>/<name>}. */
    public static Collected fixture(String format, String name) throws IOException, MalformedReportException {
        return parse(REGISTRY.byFormat(format).orElseThrow(), fixturePath(format, name));
    }

    public static Path fixturePath(String format, String name) {
        try {
            var url = Parsing.class.getClassLoader().getResource("scans/" + format + "/" + name);
            if (url == null) {
                throw new IllegalStateException("no fixture scans/" + format + "/" + name);
            }
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The format the registry detects for a file, from its first 64 KiB as the import does. */
    public static String detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        return REGISTRY.detect(new ReportHead(new String(head, StandardCharsets.UTF_8))).map(FindingParser::format)
                .orElse(null);
    }

    /** The repository's sibling {@code shared/samples}, where CI has the third-party files; null when absent. */
    public static Path samples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private Parsing() {
    }
}
