package io.pillar.response.rest;

import io.pillar.platform.security.Caller;
import io.quarkus.security.ForbiddenException;

/** The team a new playbook, incident or run is for, and whether the caller may act for it. */
final class Teams {

    private Teams() {
    }

    /**
     * The team asked for, which the caller must act for; without one, no team (shared) for admins and integrations
     * where that is allowed, else the caller's only team.
     */
    static String forChange(String team, Caller caller, String what, boolean shared) {
        if (team == null || team.isBlank()) {
            if (caller.actsForEveryTeam() && shared) {
                return null;
            }
            if (caller.actsForEveryTeam()) {
                throw new IllegalArgumentException("team is required: the team " + what + " is for");
            }
            if (caller.teams().isEmpty() || !caller.changes()) {
                throw new ForbiddenException("the caller may not create " + what + " for any team");
            }
            if (caller.teams().size() == 1) {
                return caller.teams().iterator().next();
            }
            throw new IllegalArgumentException("team is required: the team " + what + " is for, one of "
                    + String.join(", ", caller.teams().stream().sorted().toList()));
        }
        if (!io.pillar.contracts.Teams.isName(team)) {
            throw new IllegalArgumentException("team must be lower-case letters, digits and dashes, was " + team);
        }
        if (!caller.changes(team)) {
            throw new ForbiddenException("only members of team " + team + " may create " + what + " for it");
        }
        return team;
    }
}
