package io.pillar.platform.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pillar.contracts.Roles;
import io.pillar.contracts.Teams;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls, through which client, and how far they reach. Teams are the caller's top-level Keycloak groups, read from the {@code groups}
 * claim as full paths: {@code /payments} is team payments, while a group named payments nested anywhere else
 * ({@code /platform/payments}) or a bare name grants nothing. By role: admins, auditors and integrations read every
 * team's data and data of no team; admins and integrations also act for every team; viewers and auditors change
 * nothing; analysts and responders read and change their own teams' data.
 */
public record Caller(String name, Set<String> teams, boolean readsEveryTeam, boolean actsForEveryTeam,
        boolean changes, String client) {
    private static final Pattern TEAM_PATH = Pattern.compile("/(" + Teams.NAME + ")");

    public static Caller of(SecurityIdentity identity) {
        Set<String> groups = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null
                ? jwt.getGroups()
                : Set.of();
        boolean admin = identity.hasRole(Roles.ADMIN);
        boolean integration = identity.hasRole(Roles.INTEGRATION);
        boolean changes = admin || integration || identity.hasRole(Roles.ANALYST)
                || identity.hasRole(Roles.RESPONDER);
        return new Caller(identity.getPrincipal().getName(), teamsOf(groups),
                admin || integration || identity.hasRole(Roles.AUDITOR), admin || integration, changes,
                clientOf(identity));
    }

    /** The OAuth client the caller's token was issued to (its {@code azp}): the console, the CLI, a service. */
    public static String clientOf(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object azp = jwt.getClaim(Claims.azp.name());
        return azp instanceof JsonString json ? json.getString() : azp == null ? null : azp.toString();
    }

    /** The teams among group paths: top-level groups only. */
    public static Set<String> teamsOf(Collection<String> groupPaths) {
        Set<String> teams = new TreeSet<>();
        for (String path : groupPaths) {
            Matcher m = TEAM_PATH.matcher(path == null ? "" : path);
            if (m.matches()) {
                teams.add(m.group(1));
            }
        }
        return Set.copyOf(teams);
    }

    /** Whether data of this team (null: of no team) is the caller's to read. */
    public boolean reads(String team) {
        return readsEveryTeam || (team != null && teams.contains(team));
    }

    /** Whether the caller may change data of this team (null: of no team). */
    public boolean changes(String team) {
        return changes && (actsForEveryTeam || (team != null && teams.contains(team)));
    }

    /** The teams whose data a list shows the caller: null for every team (and none). */
    public Set<String> visibleTeams() {
        return readsEveryTeam ? null : teams;
    }
}
