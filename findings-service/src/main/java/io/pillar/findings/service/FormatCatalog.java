package io.pillar.findings.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.findings.FormatMapping;
import io.pillar.findings.parser.ParserRegistry;
import io.pillar.findings.parser.mapped.MappedFormat;
import io.pillar.findings.parser.mapped.MappingException;
import io.pillar.findings.parser.mapped.MappingLoader;
import io.pillar.findings.repository.FormatMappingRepository;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.files.FolderSignature;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The formats defined by mapping files: those of the mappings folder (loaded at start and whenever a file changes)
 * and those admins uploaded (kept in the database, so every instance of the service loads them). A folder file that
 * no longer loads is refused with its file, line and reason, and the format it defined before stays in force; an
 * upload that does not load is refused and nothing changes.
 */
@Singleton
@Startup
public class FormatCatalog {
    private static final Logger LOG = Logger.getLogger(FormatCatalog.class);

    /** A folder file that did not load, and whether an earlier version of it stays in force. */
    public record Refused(String file, int line, String reason, boolean previousInForce) {
    }

    @ConfigProperty(name = "pillar.findings.mappings.dir", defaultValue = "mappings")
    Path dir;
    @Inject
    ParserRegistry parsers;
    @Inject
    BestPractices bestPractices;
    @Inject
    FormatMappingRepository uploads;
    @Inject
    Outbox outbox;

    /** The last version of each folder file that loaded, by file name; replaced whole, read by any thread. */
    private volatile Map<String, MappedFormat> folder = Map.of();
    private volatile List<Refused> refused = List.of();
    private volatile Map<String, MappedFormat> uploaded = Map.of();
    private String folderSignature = "";
    private String uploadSignature = "";

    @PostConstruct
    void start() {
        reloadFolder();
        reloadUploads();
    }

    @Scheduled(every = "${pillar.findings.mappings.check-every:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkForChanges() {
        if (!folderSignature().equals(folderSignature)) {
            reloadFolder();
        }
        String uploadsNow = QuarkusTransaction.requiringNew().call(uploads::signature);
        if (!uploadsNow.equals(uploadSignature)) {
            reloadUploads();
        }
    }

    /** The mapped formats in force, folder's first (an upload never takes a folder format's name). */
    public List<MappedFormat> inForce() {
        Map<String, MappedFormat> out = new TreeMap<>(uploaded);
        folder.values().forEach(f -> out.put(f.format(), f));
        return List.copyOf(out.values());
    }

    public List<Refused> refused() {
        return refused;
    }

    public Optional<MappedFormat> mapped(String format) {
        return inForce().stream().filter(f -> f.format().equals(format)).findFirst();
    }

    /**
     * Checks and stores an uploaded mapping; {@code replace} allows an uploaded format of that name to be replaced.
     * Refused (422) with line and reason when it does not load, 409 when the name is taken.
     */
    public MappedFormat upload(String text, String expectedFormat, boolean replace, String actor, String client) {
        MappedFormat parsed;
        try {
            parsed = MappingLoader.parse("upload", text, parsers.builtIn(), bestPractices::known);
        } catch (MappingException e) {
            throw new InvalidMapping(e);
        }
        String format = parsed.format();
        if (expectedFormat != null && !expectedFormat.equals(format)) {
            throw new ProblemException(422, "Unprocessable Content", "the mapping defines format '" + format
                    + "', not '" + expectedFormat + "' as the path says");
        }
        if (inFolder(format)) {
            throw new ProblemException(409, "Conflict", "format '" + format
                    + "' is defined by the mappings folder of the service; the operator changes it there");
        }
        Instant now = Instant.now();
        try {
            store(text, format, replace, actor, client, now);
        } catch (jakarta.persistence.PersistenceException e) {
            // another upload of the same new format committed first
            throw new ProblemException(409, "Conflict", "format '" + format + "' was just defined by another upload");
        }
        reloadUploads();
        return mapped(format).orElseThrow();
    }

    private void store(String text, String format, boolean replace, String actor, String client, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            FormatMapping existing = uploads.findById(format, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (existing != null && !replace) {
                throw new ProblemException(409, "Conflict", "format '" + format + "' exists; replace it with PUT "
                        + "/api/v1/findings/formats/" + format);
            }
            ObjectNode before = existing == null ? null : summary(existing);
            FormatMapping row = existing != null ? existing : new FormatMapping();
            row.format = format;
            row.definition = text;
            row.uploadedBy = actor;
            row.uploadedAt = now;
            row.version = existing == null ? 1 : existing.version + 1;
            if (existing == null) {
                uploads.persist(row);
            }
            uploads.flush();
            outbox.add(List.of(AuditEvents.success("findings-service", actor, client,
                    existing == null ? "format.uploaded" : "format.replaced", "format/" + format, before,
                    summary(row), now)));
        });
    }

    private boolean inFolder(String format) {
        return folder.values().stream().anyMatch(f -> f.format().equals(format));
    }

    /** Deletes an uploaded format; a folder format cannot be deleted through the API. */
    public boolean delete(String format, String actor, String client) {
        if (inFolder(format)) {
            throw new ProblemException(409, "Conflict", "format '" + format
                    + "' is defined by the mappings folder of the service; the operator removes it there");
        }
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> {
            FormatMapping existing = uploads.findById(format, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (existing == null) {
                return false;
            }
            ObjectNode before = summary(existing);
            uploads.delete(existing);
            outbox.add(List.of(AuditEvents.success("findings-service", actor, client, "format.deleted",
                    "format/" + format, before, null, Instant.now())));
            return true;
        });
        reloadUploads();
        return deleted;
    }

    private static ObjectNode summary(FormatMapping m) {
        return Json.MAPPER.createObjectNode().put("format", m.format).put("version", m.version)
                .put("sha256", io.pillar.findings.parser.Fingerprint.sha256Hex(
                        m.definition.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private synchronized void reloadFolder() {
        folderSignature = folderSignature();
        Path path = dir.toAbsolutePath();
        List<String> files = files(path);
        MappingLoader.Result result = MappingLoader.loadFolder(path, parsers.builtIn(), bestPractices::known);
        Map<String, MappedFormat> loaded = new LinkedHashMap<>();
        result.formats().forEach(f -> loaded.put(f.origin().source(), f));
        List<Refused> refusals = new ArrayList<>();
        for (MappingException e : result.errors()) {
            boolean previous = folder.containsKey(e.source());
            refusals.add(new Refused(e.source(), e.line(), e.reason(), previous));
            if (previous) {
                loaded.put(e.source(), folder.get(e.source()));
            }
            LOG.warnf("mapping refused: %s%s", e.getMessage(), previous
                    ? " (its previous version stays in force)"
                    : "");
        }
        Map<String, MappedFormat> next = new TreeMap<>();
        loaded.forEach((file, f) -> {
            if (files.contains(file)) {
                next.put(file, f);
            }
        });
        folder = Map.copyOf(next);
        refused = List.copyOf(refusals);
        install();
        LOG.infof("%d mapped formats in force from %s", folder.size(), path);
    }

    private synchronized void reloadUploads() {
        Map<String, MappedFormat> next = new TreeMap<>();
        String signature = QuarkusTransaction.requiringNew().call(() -> {
            for (FormatMapping m : uploads.byFormat()) {
                try {
                    MappedFormat f = MappingLoader.parse("upload", m.definition, parsers.builtIn(),
                            bestPractices::known);
                    next.put(f.format(), f.withUpload(m.uploadedBy, m.uploadedAt, m.version));
                } catch (MappingException e) {
                    // accepted once, refused now (the catalog or the built-in formats changed): keep it out
                    LOG.warnf("uploaded mapping '%s' no longer loads: %s", m.format, e.getMessage());
                }
            }
            return uploads.signature();
        });
        uploaded = Map.copyOf(next);
        uploadSignature = signature;
        install();
    }

    private void install() {
        parsers.useMapped(inForce());
    }

    private static List<String> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private String folderSignature() {
        return FolderSignature.of(dir);
    }

    /** A mapping that does not load: 422 with the line and the reason. */
    public static final class InvalidMapping extends ProblemException {
        private final transient MappingException cause;

        InvalidMapping(MappingException cause) {
            super(422, "Unprocessable Content", "the mapping does not load: line " + cause.line() + ": "
                    + cause.reason());
            this.cause = cause;
        }

        @Override
        public Map<String, Object> members() {
            return Map.of("line", cause.line(), "reason", cause.reason());
        }
    }
}
