package io.pillar.identity.checks;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.pillar.identity.aws.AwsAccount;
import io.pillar.identity.keycloak.KeycloakRealm;

/**
 * Every identity check (iam/checks.yaml, and one per path of the privilege-escalation catalogue), run over one
 * account at a time.
 */
@ApplicationScoped
public class IdentityChecks {
    private static final Logger LOG = Logger.getLogger(IdentityChecks.class);
    private static final List<String> PRIVESC_PRACTICES = List.of("SEC03-BP02", "SEC03-BP05");

    private final ActionRisks risks = ActionRisks.load();
    private final Map<String, CheckInfo> checks = new LinkedHashMap<>();
    private final List<PrivescPath> catalogue;

    private final SeparationOfDuties duties;
    private final Set<String> privilegedRealmRoles;

    @Inject
    public IdentityChecks(@ConfigProperty(name = "pillar.identity.privesc-catalog") Optional<String> catalogueDir,
            @ConfigProperty(name = "pillar.identity.separation-of-duties") Optional<String> dutiesFile,
            @ConfigProperty(name = "pillar.identity.keycloak.privileged-roles", defaultValue = "admin") List<String> privilegedRealmRoles) {
        this.duties = new SeparationOfDuties(dutiesFile);
        this.privilegedRealmRoles = Set.copyOf(privilegedRealmRoles);
        duties.aws.forEach(c -> checks.put(c.checkId(), c.info()));
        duties.keycloak.forEach(c -> checks.put(c.checkId(), c.info()));
        for (JsonNode c : YamlData.resource("iam/checks.yaml").path("checks")) {
            List<String> practices = new ArrayList<>();
            c.path("best_practices").forEach(b -> practices.add(b.asText()));
            checks.put(c.path("id").asText(), new CheckInfo(c.path("id").asText(), c.path("severity").asText(),
                    c.path("title").asText(), c.path("title").asText(), c.path("remediation").asText(),
                    List.copyOf(practices)));
        }
        catalogue = catalogueDir.filter(d -> !d.isBlank()).map(d -> PrivescCatalog.folder(Path.of(d)))
                .orElseGet(PrivescCatalog::bundled);
        for (PrivescPath p : catalogue) {
            checks.put(p.checkId(), new CheckInfo(p.checkId(), "high", "Privilege escalation: " + p.name(),
                    "The principal holds every permission of privilege-escalation path " + p.id() + " ("
                            + p.category() + "): " + p.name(),
                    "Remove or restrict the permissions of the path (" + p.name()
                            + ") to the resources that need them, or add a permissions boundary.",
                    PRIVESC_PRACTICES));
        }
    }

    public ActionRisks risks() {
        return risks;
    }

    public List<PrivescPath> catalogue() {
        return catalogue;
    }

    public Map<String, CheckInfo> checks() {
        return checks;
    }

    public CheckInfo info(String checkId) {
        CheckInfo info = checks.get(checkId);
        if (info == null) {
            throw new IllegalArgumentException("no identity check " + checkId);
        }
        return info;
    }

    /** Every violation in the account now; ages count to {@code now} unless a credential report says its time. */
    public List<Violation> run(AwsAccount account, Instant now) {
        return run(new AccountModel(account, risks), now);
    }

    /** Every violation in an account already modelled. */
    public List<Violation> run(AccountModel model, Instant now) {
        List<Violation> out = new ArrayList<>();
        long t0 = System.nanoTime();
        new PrivilegeEscalation(catalogue, risks).run(model, out);
        long t1 = System.nanoTime();
        new PolicyChecks(risks).run(model, out);
        long t2 = System.nanoTime();
        new TrustChecks().run(model, out);
        new CredentialChecks().run(model, now, out);
        new ExternalAccessChecks().run(model, out);
        long t3 = System.nanoTime();
        duties.run(model, out);
        LOG.debugf("checks: privilege escalation %d ms, policies %d ms, trust, credentials and external access %d ms,"
                + " separation of duties %d ms", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                (System.nanoTime() - t3) / 1_000_000);
        return out;
    }

    /** Every violation in a Keycloak realm ({@code account} is {@code keycloak:<realm>}). */
    public List<Violation> run(String account, KeycloakRealm realm) {
        List<Violation> out = new ArrayList<>();
        new KeycloakChecks(privilegedRealmRoles).run(account, realm, out);
        duties.run(account, realm, out);
        return out;
    }

    public AccountModel model(AwsAccount account) {
        return new AccountModel(account, risks);
    }
}
