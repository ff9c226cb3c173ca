package io.pillar.findings;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A format defined by a mapping file an admin uploaded: the file as sent, who sent it, when, and its version. */
@Entity
@Table(name = "format_mapping")
public class FormatMapping extends PanacheEntityBase {
    @Id
    public String format;
    public String definition;
    @Column(name = "uploaded_by")
    public String uploadedBy;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
    public int version;
}
