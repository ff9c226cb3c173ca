package io.pillar.response;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One imported document of a playbook, kept as it was sent. */
@Entity
@Table(name = "playbook_version")
@IdClass(PlaybookVersion.Key.class)
public class PlaybookVersion extends PanacheEntityBase {
    @Id
    @Column(name = "playbook_id")
    public UUID playbookId;
    @Id
    public int version;
    public String document;
    public String sha256;
    /** The document's CACAO {@code modified} time, as written. */
    public String modified;
    /** Whether a step contains damage (quarantine, disable a credential): such playbooks may need a signature. */
    public boolean containment;
    /** {@code unsigned}, {@code verified} (by a trusted key) or {@code untrusted} (signed by a key not trusted). */
    public String signature;
    @Column(name = "imported_by")
    public String importedBy;
    @Column(name = "imported_at")
    public Instant importedAt;

    /** The version's key: its playbook and number. */
    public static class Key implements Serializable {
        public UUID playbookId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && java.util.Objects.equals(k.playbookId, playbookId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(playbookId, version);
        }
    }
}
