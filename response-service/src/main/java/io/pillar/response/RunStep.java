package io.pillar.response;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One time a step ran in a run, with what it was given, what it gave and how it ended. */
@Entity
@Table(name = "run_step")
@IdClass(RunStep.Key.class)
public class RunStep extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public UUID runId;
    @Id
    @Column(name = "step_key")
    public String stepKey;
    @Column(name = "step_id")
    public String stepId;
    @Column(name = "step_type")
    public String stepType;
    public String name;
    public String status;
    public String outcome;
    public int attempt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String inputs;
    @JdbcTypeCode(SqlTypes.JSON)
    public String outputs;
    public String error;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public Instant deadline;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "completed_by")
    public String completedBy;
    public String comment;
    @Generated
    @Column(insertable = false, updatable = false)
    public Long seq;

    public static class Key implements Serializable {
        public UUID runId;
        public String stepKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.runId, runId) && Objects.equals(k.stepKey, stepKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, stepKey);
        }
    }
}
