package io.pillar.findings.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pillar.contracts.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/** What an import's scope and team may be, and who may file findings under a team. */
final class ImportRequests {

    static void check(String scope, String team, SecurityIdentity caller) {
        if (scope != null && !scope.isBlank() && !scope.matches("[A-Za-z0-9._:/@-]{1,200}")) {
            throw new IllegalArgumentException("scope must be 1 to 200 letters, digits or . _ : / @ -, was " + scope);
        }
        if (team == null || team.isBlank()) {
            return;
        }
        if (!team.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("team must be lower-case letters, digits and dashes, was " + team);
        }
        if (caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.INTEGRATION)) {
            return;
        }
        boolean member = caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null
                && jwt.getGroups().stream().anyMatch(g -> g.substring(g.lastIndexOf('/') + 1).equals(team));
        if (!member) {
            throw new ForbiddenException("only members of team " + team + " may import findings for it");
        }
    }

    private ImportRequests() {
    }
}
