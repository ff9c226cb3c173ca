package io.pillar.findings.service;

import java.util.HashSet;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The teams a caller belongs to: the token's {@code groups} claim (Keycloak groups, with or without their path).
 */
final class Teams {

    static Set<String> of(SecurityIdentity caller) {
        Set<String> teams = new HashSet<>();
        if (caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getGroups() != null) {
            for (String group : jwt.getGroups()) {
                teams.add(group.substring(group.lastIndexOf('/') + 1));
            }
        }
        return teams;
    }

    private Teams() {
    }
}
