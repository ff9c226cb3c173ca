package io.pillar.contracts;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every Kafka topic of the platform, with its partitions and retention: the one place they are declared. The local
 * stack, the test resources and the deployment manifests create topics from this list.
 */
public enum Topic {
    FINDINGS_RAW("pillar.findings.raw", 6, Duration.ofDays(7), "finding-raw"), FINDINGS_RAW_DLQ(
            "pillar.findings.raw.dlq", 1, Duration.ofDays(30), null), FINDINGS_EVENTS("pillar.findings.events", 6,
                    Duration.ofDays(30),
                    "finding-event"), INVENTORY_CHANGES("pillar.inventory.changes", 6, Duration.ofDays(7),
                            "inventory-change"), INVENTORY_CHANGES_DLQ("pillar.inventory.changes.dlq", 1,
                                    Duration.ofDays(30), null), INVENTORY_EVENTS("pillar.inventory.events", 6,
                                            Duration.ofDays(30), "inventory-event"), AUDIT("pillar.audit", 3,
                                                    Duration.ofDays(90), "audit-event"), AUDIT_DLQ("pillar.audit.dlq",
                                                            1, Duration.ofDays(90), null), RESPONSE_COMMANDS(
                                                                    "pillar.response.commands", 3, Duration.ofDays(7),
                                                                    "response-command"), RESPONSE_EVENTS(
                                                                            "pillar.response.events", 3,
                                                                            Duration.ofDays(30), "response-event"),
    /** Signed checkpoints of the audit ledger, one record per checkpoint (keyed by sequence), kept for ever. */
    AUDIT_CHECKPOINTS("pillar.audit.checkpoints", 1, null, "audit-checkpoint"),
    /** External executors' results of the commands on pillar.response.commands, for the run and step. */
    RESPONSE_RESULTS("pillar.response.results", 3, Duration.ofDays(7),
            "response-result"), RESPONSE_RESULTS_DLQ("pillar.response.results.dlq", 1, Duration.ofDays(30), null),
    /** Finding events the response-service's triggers could not take (unreadable, or naming what does not exist). */
    FINDINGS_EVENTS_DLQ("pillar.findings.events.dlq", 1, Duration.ofDays(30), null),
    /** A best practice's status changed between two daily posture snapshots of a scope (keyed by scope). */
    POSTURE_EVENTS("pillar.posture.events", 3, Duration.ofDays(400), "posture-event");

    /** Team topics are created on demand when a team subscribes; this is their name pattern and sizing. */
    public static final String TEAM_FINDINGS_PATTERN = "pillar.team.%s.findings";
    public static final int TEAM_FINDINGS_PARTITIONS = 3;
    public static final Duration TEAM_FINDINGS_RETENTION = Duration.ofDays(7);

    private final String topicName;
    private final int partitions;
    private final Duration retention;
    private final String schema;

    /** @param retention how long records are kept; null: compacted, every key's latest record kept for ever */
    Topic(String topicName, int partitions, Duration retention, String schema) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.retention = retention;
        this.schema = schema;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    /** How long records are kept; empty for a compacted topic (each key's latest record kept for ever). */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /** The topic's configuration when it is created: its retention, or compaction. */
    public Map<String, String> configs() {
        return retention == null
                ? Map.of("cleanup.policy", "compact", "retention.ms", "-1")
                : Map.of("retention.ms", Long.toString(retention.toMillis()));
    }

    /**
     * The JSON Schema of this topic's payload, under {@code schemas/} in this jar. Dead-letter topics carry the
     * original record unchanged, so they have none of their own.
     */
    public Optional<String> schemaResource() {
        return Optional.ofNullable(schema).map(s -> "schemas/" + s + ".schema.json");
    }

    public static String teamFindings(String team) {
        if (!Teams.isName(team)) {
            throw new IllegalArgumentException("team name must be lower-case letters, digits and dashes: " + team);
        }
        return TEAM_FINDINGS_PATTERN.formatted(team);
    }
}
