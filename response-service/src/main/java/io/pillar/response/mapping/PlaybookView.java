package io.pillar.response.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pillar.response.Playbook;
import io.pillar.response.PlaybookVersion;

/** A playbook as the REST API shows it: what it is, whose, and its versions (newest first). */
public record PlaybookView(UUID id, String cacaoId, String team, String name, int latestVersion, Instant createdAt,
        Instant updatedAt, List<VersionView> versions) {

    /** A version without its document (export returns that). */
    public record VersionView(int version, String sha256, String modified, boolean containment, String signature,
            String importedBy, Instant importedAt) {
    }

    public static PlaybookView of(Playbook p, List<PlaybookVersion> versions) {
        return new PlaybookView(p.id, p.cacaoId, p.team, p.name, p.latestVersion, p.createdAt, p.updatedAt,
                versions.stream().map(v -> new VersionView(v.version, v.sha256, v.modified, v.containment,
                        v.signature, v.importedBy, v.importedAt)).toList());
    }
}
