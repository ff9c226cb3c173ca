package io.pillar.identity.checks;

import java.util.List;

/**
 * A privilege-escalation path of the catalogue: its id, name, category ({@code self-escalation},
 * {@code principal-access}, {@code new-passrole}, {@code existing-passrole}, {@code credential-access}), the
 * services involved and the permissions it requires (with the catalogue's note on the resources they need).
 */
public record PrivescPath(String id, String name, String category, List<String> services,
        List<Permission> required) {

    public record Permission(String action, String resourceConstraints) {
    }

    public String checkId() {
        return "privilege-escalation/" + id;
    }
}
