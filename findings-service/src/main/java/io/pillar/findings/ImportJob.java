package io.pillar.findings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One report import: its progress and what it did. received = created + updated + unchanged + rejected. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public String format;
    public String scope;
    /** The team whose findings it imported (null: findings of no team). */
    public String team;
    public String status;
    public int received;
    public int created;
    public int updated;
    public int unchanged;
    public int resolved;
    public int rejected;
    /** [{"index": n, "reason": "..."}] of each rejected record. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String errors = "[]";
    public String failure;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** The instance running it and when it last said so (a running job silent too long is closed as failed). */
    public String instance;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
