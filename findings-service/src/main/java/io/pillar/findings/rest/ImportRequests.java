package io.pillar.findings.rest;

import io.pillar.contracts.Teams;
import io.pillar.platform.jobs.JobScope;
import io.pillar.platform.security.Caller;
import io.quarkus.security.ForbiddenException;

/** What an import's scope and team may be, and who may file findings under a team. */
final class ImportRequests {

    /**
     * Checks the scope and returns the team the import is for: the one asked for, which the caller must act for;
     * without one, the findings of no team for admins and integrations, else the caller's only team.
     */
    static String team(String scope, String team, Caller caller) {
        JobScope.check(scope);
        if (team == null) {
            if (caller.actsForEveryTeam()) {
                return null;
            }
            if (caller.teams().isEmpty()) {
                throw new ForbiddenException("the caller is in no team: only admins and integrations import "
                        + "findings of no team");
            }
            if (caller.teams().size() == 1) {
                return caller.teams().iterator().next();
            }
            throw new IllegalArgumentException("team is required: the team whose findings these are, one of "
                    + String.join(", ", caller.teams().stream().sorted().toList()));
        }
        if (!Teams.isName(team)) {
            throw new IllegalArgumentException("team must be lower-case letters, digits and dashes, was " + team);
        }
        if (!caller.changes(team)) {
            throw new ForbiddenException("only members of team " + team + " may import findings for it");
        }
        return team;
    }

    private ImportRequests() {
    }
}
