package io.pillar.identity.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pillar.contracts.Teams;
import io.pillar.identity.IdentityAccount;
import io.pillar.identity.repository.IdentityAccountRepository;
import io.pillar.platform.security.Caller;
import io.quarkus.security.ForbiddenException;

/**
 * Which team owns an account, and so its principals and findings: the configured map
 * ({@code pillar.identity.account-teams=123456789012=payments,keycloak:shop=web,...}) first, else the owner team of
 * the inventory's asset of type account, else the team it was first imported for. Only a member of the owning team
 * (or an admin or integration) may import an account.
 */
@ApplicationScoped
public class AccountTeams {
    private final Map<String, String> configured = new HashMap<>();

    @Inject
    IdentityAccountRepository accounts;

    @Inject
    public AccountTeams(@ConfigProperty(name = "pillar.identity.account-teams") Optional<String> map) {
        for (String entry : map.orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !kv[0].matches("\\d{12}|keycloak:[^=\\s]+") || !Teams.isName(kv[1])) {
                throw new IllegalStateException("pillar.identity.account-teams: " + entry
                        + " is not <12-digit account or keycloak:<realm>>=<team>");
            }
            configured.put(kv[0], kv[1]);
        }
    }

    /** "team x", or "no team" for null: how messages name an account's owner. */
    static String describe(String team) {
        return team == null ? "no team" : "team " + team;
    }

    /** The team the configuration names for an account, if any (then the inventory is not asked). */
    public Optional<String> configured(String account) {
        return Optional.ofNullable(configured.get(account));
    }

    /**
     * The team an import of the account is for, checked against the caller: the owner if the account has one
     * (asking for another team is refused), else the team asked for, else the caller's only team (admins and
     * integrations may import accounts of no team).
     *
     * @param inventoryOwner the owner team of the inventory's account asset, null when it names none
     */
    public String teamFor(String account, String inventoryOwner, String requested, Caller caller) {
        String owner = configured.get(account);
        if (owner == null) {
            owner = inventoryOwner;
        }
        IdentityAccount row = accounts.findById(account);
        if (owner == null && row != null) {
            owner = row.team;
        }
        if (owner != null || row != null) {
            if (requested != null && !requested.equals(owner)) {
                throw new IllegalArgumentException("account " + account + " belongs to "
                        + describe(owner) + ", not " + requested);
            }
            if (!caller.changes(owner)) {
                throw new ForbiddenException("account " + account + " belongs to "
                        + describe(owner) + ": only its members may import it");
            }
            return owner;
        }
        if (requested != null) {
            if (!Teams.isName(requested)) {
                throw new IllegalArgumentException("team must be lower-case letters, digits and dashes, was "
                        + requested);
            }
            if (!caller.changes(requested)) {
                throw new ForbiddenException("only members of team " + requested + " may import for it");
            }
            return requested;
        }
        if (caller.actsForEveryTeam()) {
            return null;
        }
        if (caller.teams().size() == 1) {
            return caller.teams().iterator().next();
        }
        throw caller.teams().isEmpty()
                ? new ForbiddenException("the caller is in no team: only admins and integrations import accounts "
                        + "of no team")
                : new IllegalArgumentException("team is required: the team that owns account " + account
                        + ", one of " + String.join(", ", caller.teams().stream().sorted().toList()));
    }
}
