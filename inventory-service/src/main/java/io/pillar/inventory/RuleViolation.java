package io.pillar.inventory;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A rule an asset currently violates, with the rule's title and severity when the violation started. */
@Entity
@Table(name = "rule_violation")
@IdClass(RuleViolation.Key.class)
public class RuleViolation extends PanacheEntityBase {
    @Id
    @Column(name = "asset_id")
    public UUID assetId;
    @Id
    @Column(name = "rule_id")
    public String ruleId;
    public String title;
    public String severity;
    public Instant since;
    /** The team the violation's finding was filed for. */
    public String team;

    public record Key(UUID assetId, String ruleId) implements Serializable {
    }
}
