package io.pillar.identity.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.identity.IdentityAccount;
import io.pillar.identity.IdentityImport;
import io.pillar.identity.Principal;
import io.pillar.identity.checks.IdentityChecks;
import io.pillar.identity.checks.Violation;
import io.pillar.identity.keycloak.KeycloakRealm;
import io.pillar.identity.keycloak.KeycloakUser;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.repository.PrincipalRepository;

/**
 * A Keycloak realm export applied to its account ({@code keycloak:<realm>}): the realm's settings and clients are
 * kept with the account, its users as principals (users no longer in the realm are removed), then the realm's
 * checks run.
 */
@ApplicationScoped
public class KeycloakPictureUpdate {
    public static final String USER = "keycloak-user";
    public static final String SERVICE_ACCOUNT = "keycloak-service-account";

    @Inject
    PrincipalRepository principals;
    @Inject
    PrincipalWrites writes;
    @Inject
    IdentityChecks checks;

    public List<Violation> apply(IdentityReport report, IdentityAccount account, IdentityImport job, Instant now) {
        KeycloakRealm realm = report.realm();
        Map<String, Principal> stored = new HashMap<>();
        principals.findByAccount(account.id).forEach(p -> stored.put(p.externalId, p));
        for (KeycloakUser u : realm.users()) {
            String id = account.id + "/user/" + u.username();
            writes.upsert(stored.remove(id), new PrincipalWrites.Picture(
                    u.serviceAccountClientId() == null ? USER : SERVICE_ACCOUNT, u.username(), id, "keycloak",
                    AccountPictures.write(u), u.hasOtp(), null), account, job, now);
        }
        for (Principal left : stored.values()) {
            if (left.removedAt == null) {
                writes.remove(left, job, now);
            }
        }
        account.realm = AccountPictures.write(new KeycloakRealm(realm.settings(), realm.clients(), List.of()));
        account.iamImportedAt = now;
        principals.flush();
        return checks.run(account.id, realm);
    }
}
