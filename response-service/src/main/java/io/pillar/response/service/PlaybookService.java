package io.pillar.response.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.api.Cursor;
import io.pillar.contracts.api.Page;
import io.pillar.platform.events.AuditEvents;
import io.pillar.platform.json.Json;
import io.pillar.platform.outbox.Outbox;
import io.pillar.platform.security.Caller;
import io.pillar.response.Playbook;
import io.pillar.response.PlaybookVersion;
import io.pillar.response.mapping.PlaybookView;
import io.pillar.response.playbook.InvalidPlaybookException;
import io.pillar.response.playbook.PillarActions;
import io.pillar.response.playbook.PlaybookError;
import io.pillar.response.playbook.PlaybookSignatures;
import io.pillar.response.playbook.PlaybookValidator;
import io.pillar.response.playbook.TrustedKeys;
import io.pillar.response.repository.PlaybookRepository;

/** Imports, lists and exports playbooks; every import is audited with the version it made. */
@ApplicationScoped
public class PlaybookService {
    static final String SERVICE = "response-service";
    @Inject
    PlaybookRepository playbooks;
    @Inject
    Outbox outbox;
    @Inject
    TrustedKeys trusted;

    /** What an import made: the playbook, the version the document is, whether it is new, and any warnings. */
    public record Imported(PlaybookView playbook, int version, boolean created, List<PlaybookError> warnings) {
    }

    /** Checks the document without storing it; an invalid one is refused with every error. */
    public PlaybookValidator.Checked validate(String document) {
        PlaybookValidator.Checked checked = PlaybookValidator.check(document);
        if (!checked.valid()) {
            throw new InvalidPlaybookException(checked.errors());
        }
        return checked;
    }

    /**
     * Stores the document as a new version of the team's playbook with its CACAO id (a new playbook if there is none).
     * The same document imported again makes no new version.
     */
    @Transactional
    public Imported importPlaybook(String document, String team, Caller caller) {
        PlaybookValidator.Checked checked = validate(document);
        ObjectNode tree = checked.playbook();
        PlaybookSignatures.Result signatures = PlaybookSignatures.verify(tree, trusted.keys(), Instant.now());
        if (!signatures.errors().isEmpty()) {
            throw new InvalidPlaybookException(signatures.errors());
        }
        boolean containment = PillarActions.anyContainment(tree);
        if (containment && trusted.requiredForContainment()
                && !PlaybookSignatures.VERIFIED.equals(signatures.status())) {
            throw new InvalidPlaybookException(List.of(new PlaybookError("$.signatures", "this playbook contains "
                    + "damage: it needs a valid signature by a trusted key (pillar.response.signatures"
                    + ".required-for-containment)")));
        }
        String cacaoId = tree.get("id").asText();
        String sha = sha256(document);
        Instant now = Instant.now();
        Playbook p = playbooks.byCacaoId(team, cacaoId).orElse(null);
        if (p != null) {
            PlaybookVersion same = playbooks.versionBySha(p.id, sha).orElse(null);
            if (same != null) {
                return new Imported(view(p), same.version, false, checked.warnings());
            }
        } else {
            p = new Playbook();
            p.id = UUID.randomUUID();
            p.team = team;
            p.cacaoId = cacaoId;
            p.createdAt = now;
            p.latestVersion = 0;
        }
        p.name = tree.path("name").asText(cacaoId);
        p.latestVersion++;
        p.updatedAt = now;
        p.persist();
        PlaybookVersion v = new PlaybookVersion();
        v.playbookId = p.id;
        v.version = p.latestVersion;
        v.document = document;
        v.sha256 = sha;
        v.modified = tree.path("modified").asText(null);
        v.containment = containment;
        v.signature = signatures.status();
        v.importedBy = caller.name();
        v.importedAt = now;
        v.persist();
        ObjectNode after = Json.MAPPER.createObjectNode().put("cacao_id", cacaoId).put("version", v.version)
                .put("sha256", sha).put("team", team).put("name", p.name);
        outbox.add(List.of(AuditEvents.success(SERVICE, caller.name(), caller.client(), "playbook.imported",
                "playbook/" + p.id, null, after, now)));
        return new Imported(view(p), v.version, true, checked.warnings());
    }

    @Transactional
    public Page<PlaybookView> list(String cursor, Integer limit, Caller caller) {
        int size = Page.checkLimit(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        return Page.of(playbooks.page(caller.visibleTeams(), after, size + 1), size, p -> view(p),
                p -> new Cursor(p.updatedAt, p.id));
    }

    @Transactional
    public PlaybookView get(UUID id, Caller caller) {
        return view(visible(id, caller));
    }

    /** The document of a version (the latest without one) exactly as it was imported. */
    @Transactional
    public String export(UUID id, Integer version, Caller caller) {
        Playbook p = visible(id, caller);
        int wanted = version == null ? p.latestVersion : version;
        return playbooks.version(p.id, wanted)
                .orElseThrow(() -> new NotFoundException("playbook " + id + " has no version " + wanted)).document;
    }

    /** The latest document of a playbook. */
    @Transactional
    public String latestDocument(UUID id) {
        Playbook p = playbooks.findById(id);
        return playbooks.version(p.id, p.latestVersion).orElseThrow().document;
    }

    /** The playbook if the caller may read it: their team's or a shared one; else not found (whether it exists). */
    Playbook visible(UUID id, Caller caller) {
        Playbook p = playbooks.findById(id);
        if (p == null || (p.team != null && !caller.reads(p.team))) {
            throw new NotFoundException("no playbook " + id);
        }
        return p;
    }

    private PlaybookView view(Playbook p) {
        return PlaybookView.of(p, playbooks.versions(p.id));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
