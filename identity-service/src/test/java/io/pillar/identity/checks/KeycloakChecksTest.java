package io.pillar.identity.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pillar.identity.keycloak.KeycloakUser;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.keycloak.KeycloakRealmParser;

class KeycloakChecksTest {
    private static final IdentityChecks CHECKS = new IdentityChecks(Optional.empty(), Optional.empty(),
            List.of("admin"));
    private static final String REALM = "keycloak:shop";

    static IdentityReport realm() throws Exception {
        try (InputStream in = KeycloakChecksTest.class.getResourceAsStream("/exports/keycloak_realm.json")) {
            return new KeycloakRealmParser().parse(new IdentityInput(in.readAllBytes()));
        }
    }

    @Test
    void rolesComeThroughParentGroupsAndCompositesAndNoSecretIsKept() throws Exception {
        IdentityReport r = realm();
        assertEquals(REALM, r.account());
        assertEquals("$.users[4]", r.rejected().get(0).record());
        KeycloakUser olga = r.realm().users().get(0);
        assertEquals(List.of("admin", "oncall", "user"), olga.effectiveRealmRoles());
        assertEquals(List.of("password"), olga.credentialTypes());
        KeycloakUser sync = r.realm().users().get(3);
        assertEquals(List.of("manage-users", "realm-admin", "view-users"),
                sync.effectiveClientRoles().get("realm-management"));
        assertFalse(r.realm().toString().contains("never-read"));
    }

    @Test
    void theRealmsWeaknessesAreFound() throws Exception {
        IdentityReport r = realm();
        Map<String, Violation> found = CHECKS.run(r.account(), r.realm()).stream()
                .collect(Collectors.toMap(v -> v.check() + " " + v.resource(), v -> v));
        assertTrue(found.get("keycloak-privileged-user-without-otp " + REALM + "/user/olga").detail()
                .contains("admin"));
        assertFalse(found.containsKey("keycloak-privileged-user-without-otp " + REALM + "/user/otto"));
        assertTrue(found.containsKey("separation-of-duties/admin-and-auditor " + REALM + "/user/ada"));
        assertTrue(found.get("keycloak-service-account-realm-admin " + REALM + "/user/service-account-sync")
                .detail().contains("realm-management/realm-admin"));
        assertEquals("critical", found.get("keycloak-client-wildcard-redirect " + REALM + "/client/shop-web")
                .severity());
        assertTrue(found.containsKey("keycloak-client-full-scope " + REALM + "/client/shop-web"));
        assertFalse(found.containsKey("keycloak-client-full-scope " + REALM + "/client/shop-api"), "bearer-only");
        assertFalse(found.containsKey("keycloak-client-full-scope " + REALM + "/client/admin-cli"), "built in");
        assertTrue(found.containsKey("keycloak-long-token-lifetime " + REALM + "/client/sync"));
        assertEquals("access tokens live 3600 s", found.get("keycloak-long-token-lifetime " + REALM).detail());
        assertTrue(found.containsKey("keycloak-brute-force-detection-off " + REALM));
        assertEquals("passwordPolicy length(8) and digits(1): minimum length 8 (< 12); the username is accepted "
                + "as password", found.get("keycloak-weak-password-policy " + REALM).detail());
    }
}
