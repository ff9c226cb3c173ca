package io.pillar.identity.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pillar.identity.keycloak.KeycloakRealm;
import io.pillar.identity.keycloak.KeycloakRealm.Client;
import io.pillar.identity.keycloak.KeycloakRealm.Settings;
import io.pillar.identity.keycloak.KeycloakUser;

/**
 * Checks of a Keycloak realm: privileged users without a second factor, brute-force detection, password policy,
 * clients' redirect URIs and scope, service accounts with realm administration, token and session lifetimes.
 */
final class KeycloakChecks {
    static final String REALM_MANAGEMENT = "realm-management";
    /** The realm-management roles that administer the realm. */
    static final Set<String> ADMINISTRATION = Set.of("realm-admin", "manage-users", "manage-clients", "manage-realm",
            "manage-authorization", "manage-identity-providers", "manage-events", "impersonation");
    static final Set<String> BUILT_IN_CLIENTS = Set.of("account", "account-console", "admin-cli", "broker",
            REALM_MANAGEMENT, "security-admin-console");
    static final int MAX_ACCESS_TOKEN_SECONDS = 900;
    static final int MAX_SSO_SESSION_SECONDS = 36_000;
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern LENGTH = Pattern.compile("length\\((\\d+)\\)");

    private final Set<String> privilegedRealmRoles;

    KeycloakChecks(Set<String> privilegedRealmRoles) {
        this.privilegedRealmRoles = privilegedRealmRoles;
    }

    static String userResource(String account, String username) {
        return account + "/user/" + username;
    }

    void run(String account, KeycloakRealm realm, List<Violation> out) {
        Settings s = realm.settings();
        for (KeycloakUser u : realm.users()) {
            List<String> admin = administration(u);
            if (u.serviceAccountClientId() != null) {
                if (!admin.isEmpty()) {
                    out.add(new Violation("keycloak-service-account-realm-admin", userResource(account, u.username()),
                            "keycloak_service_account", "service account of client " + u.serviceAccountClientId()
                                    + " holds " + String.join(", ", admin),
                            null));
                }
                continue;
            }
            List<String> privileged = new ArrayList<>(admin);
            u.effectiveRealmRoles().stream().filter(privilegedRealmRoles::contains).forEach(privileged::add);
            if (u.enabled() && !privileged.isEmpty() && !u.hasOtp()) {
                out.add(new Violation("keycloak-privileged-user-without-otp", userResource(account, u.username()),
                        "keycloak_user", u.username() + " holds " + String.join(", ", privileged)
                                + " and has no OTP or WebAuthn credential"
                                + (u.requiredActions().contains("CONFIGURE_TOTP") ? " (OTP set up still pending)" : ""),
                        null));
            }
        }
        if (!Boolean.TRUE.equals(s.bruteForceProtected())) {
            out.add(new Violation("keycloak-brute-force-detection-off", account, "keycloak_realm",
                    "bruteForceProtected is "
                            + (s.bruteForceProtected() == null ? "not set (off by default)" : "false"),
                    null));
        }
        String weak = weakPassword(s.passwordPolicy());
        if (weak != null) {
            out.add(new Violation("keycloak-weak-password-policy", account, "keycloak_realm", weak, null));
        }
        List<String> lifetimes = new ArrayList<>();
        if (s.accessTokenLifespan() != null && s.accessTokenLifespan() > MAX_ACCESS_TOKEN_SECONDS) {
            lifetimes.add("access tokens live " + s.accessTokenLifespan() + " s");
        }
        if (s.ssoSessionMaxLifespan() != null && s.ssoSessionMaxLifespan() > MAX_SSO_SESSION_SECONDS) {
            lifetimes.add("SSO sessions live up to " + s.ssoSessionMaxLifespan() + " s");
        }
        if (!lifetimes.isEmpty()) {
            out.add(new Violation("keycloak-long-token-lifetime", account, "keycloak_realm",
                    String.join("; ", lifetimes), null));
        }
        for (Client c : realm.clients()) {
            clients(account, c, out);
        }
    }

    private void clients(String account, Client c, List<Violation> out) {
        String resource = account + "/client/" + c.clientId();
        if (Boolean.FALSE.equals(c.enabled())) {
            return;
        }
        List<String> wildcards = c.redirectUris().stream().filter(u -> u.contains("*")).toList();
        if (!wildcards.isEmpty()) {
            boolean any = wildcards.stream()
                    .anyMatch(u -> u.equals("*") || u.equals("/*") || u.matches("https?://\\*"));
            out.add(new Violation("keycloak-client-wildcard-redirect", resource, "keycloak_client",
                    "redirect URIs " + String.join(", ", wildcards), any ? "critical" : "medium"));
        }
        if (BUILT_IN_CLIENTS.contains(c.clientId()) || Boolean.TRUE.equals(c.bearerOnly())) {
            return;
        }
        if (c.fullScopeAllowed() == null || c.fullScopeAllowed()) {
            out.add(new Violation("keycloak-client-full-scope", resource, "keycloak_client",
                    "fullScopeAllowed is " + (c.fullScopeAllowed() == null ? "not set (on by default)" : "true")
                            + ": its tokens carry every role of the user",
                    null));
        }
        if (c.accessTokenLifespan() != null && c.accessTokenLifespan() > MAX_ACCESS_TOKEN_SECONDS) {
            out.add(new Violation("keycloak-long-token-lifetime", resource, "keycloak_client",
                    "access tokens of client " + c.clientId() + " live " + c.accessTokenLifespan() + " s", null));
        }
    }

    /** The realm administration a user holds: realm-management roles, and the master realm's admin role. */
    private static List<String> administration(KeycloakUser u) {
        List<String> out = new ArrayList<>();
        for (String role : u.effectiveClientRoles().getOrDefault(REALM_MANAGEMENT, List.of())) {
            if (ADMINISTRATION.contains(role)) {
                out.add(REALM_MANAGEMENT + "/" + role);
            }
        }
        u.effectiveClientRoles().forEach((client, roles) -> {
            if (client.endsWith("-realm") && roles.stream().anyMatch(r -> r.startsWith("manage-"))) {
                out.add(client + "/" + String.join(",", roles));
            }
        });
        return out;
    }

    /** Why the policy is weak, or null when it is not. */
    static String weakPassword(String policy) {
        if (policy == null || policy.isBlank()) {
            return "no password policy: any password of any length is accepted";
        }
        List<String> missing = new ArrayList<>();
        Matcher m = LENGTH.matcher(policy);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (length < MIN_PASSWORD_LENGTH) {
            missing.add(length == 0
                    ? "no minimum length"
                    : "minimum length " + length + " (< " + MIN_PASSWORD_LENGTH
                            + ")");
        }
        if (!policy.contains("notUsername")) {
            missing.add("the username is accepted as password");
        }
        return missing.isEmpty() ? null : "passwordPolicy " + policy + ": " + String.join("; ", missing);
    }
}
