package io.pillar.findings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.pillar.platform.json.Json;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A team's subscription: events of that team's findings that match every non-empty criterion are copied to the
 * team's topic {@code pillar.team.<team>.findings}.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {
    @Id
    public UUID id;
    public String team;
    @Column(name = "severity_ids")
    public Short[] severityIds = new Short[0];
    public String[] statuses = new String[0];
    public String[] products = new String[0];
    public String[] controls = new String[0];
    /** Tags the finding's asset must carry, a JSON object of key to value; matched once its resources are resolved. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @jakarta.persistence.Column(name = "asset_tags")
    public String assetTags = "{}";

    /** The asset tags as a map. */
    public java.util.Map<String, String> assetTagMap() {
        try {
            return Json.MAPPER.readValue(assetTags == null ? "{}" : assetTags,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() {
                    });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored asset tags unreadable", e);
        }
    }
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
