package io.pillar.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What one import changed about one principal: added, changed or removed, with its picture before and after. */
@Entity
@Table(name = "principal_change")
public class PrincipalChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "principal_change_ids")
    @SequenceGenerator(name = "principal_change_ids", sequenceName = "principal_change_id_seq", allocationSize = 50)
    public Long id;
    @Column(name = "principal_id")
    public UUID principalId;
    @Column(name = "import_id")
    public UUID importId;
    public String change;
    @JdbcTypeCode(SqlTypes.JSON)
    public String before;
    @JdbcTypeCode(SqlTypes.JSON)
    public String after;
    @Column(name = "changed_at")
    public Instant changedAt;
}
