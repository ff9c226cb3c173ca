package io.pillar.response.actions;

import java.util.UUID;

/** Whom and what a run acts for: its id, team, incident (or null), the person who asked, and whether it simulates. */
public record RunContext(UUID runId, String team, UUID incidentId, String requestedBy, boolean simulation) {

    /** How the run names itself to the services it calls: the person it acts for, through it. */
    public String actor() {
        return requestedBy + " (playbook run " + runId + ")";
    }
}
