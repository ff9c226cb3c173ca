package io.pillar.findings.service;

/** A workflow request that the finding's state does not allow (nothing to decide, an expired request): HTTP 409. */
public class WorkflowConflict extends RuntimeException {
    public WorkflowConflict(String message) {
        super(message);
    }
}
