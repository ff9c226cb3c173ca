package io.pillar.findings.service;

import io.pillar.platform.problem.ProblemException;

/** A workflow request that the finding's state does not allow (nothing to decide, an expired request): HTTP 409. */
public class WorkflowConflict extends ProblemException {
    public WorkflowConflict(String message) {
        super(409, "Conflict", message);
    }
}
