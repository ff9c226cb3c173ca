package io.pillar.inventory;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One REST import of assets: running, then completed in the transaction that wrote its assets, or failed (nothing of
 * it kept). received = created + updated + unchanged + rejected.
 */
@Entity
@Table(name = "asset_import")
public class AssetImportJob extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public String format;
    /** What the import covers, as the client names it (an account and region, a snapshot): optional. */
    public String scope;
    /** The team it was made for (null: of no team). */
    public String team;
    public String status;
    public int received;
    public int created;
    public int updated;
    public int unchanged;
    public int rejected;
    /** [{"index": n, "reason": "..."}] of each rejected item. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String errors = "[]";
    public String failure;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public String instance;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
