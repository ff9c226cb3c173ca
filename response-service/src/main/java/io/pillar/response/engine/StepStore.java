package io.pillar.response.engine;

/** Where a run's step states are kept; each save is durable before it returns. */
public interface StepStore {
    /** The state of the step at this key, or null if it never started. */
    StepState find(String key);

    void save(StepState state);
}
