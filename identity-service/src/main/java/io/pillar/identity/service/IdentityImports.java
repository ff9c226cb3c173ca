package io.pillar.identity.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pillar.identity.IdentityAccount;
import io.pillar.identity.IdentityImport;
import io.pillar.identity.checks.Violation;
import io.pillar.identity.client.InventoryAccounts;
import io.pillar.identity.keycloak.RealmReader;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.ParserRegistry;
import io.pillar.identity.parser.keycloak.KeycloakRealmParser;
import io.pillar.identity.repository.IdentityAccountRepository;
import io.pillar.identity.repository.IdentityImportRepository;
import io.pillar.identity.repository.PrincipalRepository;
import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports an identity export: reads it, checks who may import the account, and in one transaction applies it to the
 * account's picture (keeping what changed of each principal), runs the checks, publishes the findings that opened and
 * the resolutions of those that closed, and chains the import into the audit ledger. Nothing is half-written: any
 * failure rolls it all back.
 */
@ApplicationScoped
public class IdentityImports {
    private static final Logger LOG = Logger.getLogger(IdentityImports.class);
    static final int MAX_BYTES = 100 * 1024 * 1024;

    @Inject
    ParserRegistry parsers;
    @Inject
    AccountTeams teams;
    @Inject
    IdentityAccountRepository accounts;
    @Inject
    IdentityImportRepository imports;
    @Inject
    AwsPictureUpdate aws;
    @Inject
    KeycloakPictureUpdate keycloak;
    @Inject
    ViolationTracker violations;
    @Inject
    AuditLedger ledger;
    @Inject
    RealmReader realms;
    @Inject
    InventoryAccounts inventory;
    @Inject
    PrincipalRepository principals;

    public IdentityImport importExport(InputStream body, String format, String team, Caller caller) {
        long t0 = System.nanoTime();
        IdentityInput input = new IdentityInput(read(body));
        IdentityReport report = parsers.choose(format, input).parse(input);
        LOG.debugf("identity export of %s read in %d ms", report.account(), (System.nanoTime() - t0) / 1_000_000);
        return importReport(report, team, caller);
    }

    /** The format name of a realm read live through Keycloak's admin API. */
    public static final String KEYCLOAK_LIVE = "keycloak-admin-api";

    /** Reads a realm live through Keycloak's admin API and imports it as an export of it would be. */
    public IdentityImport syncKeycloak(String realm, String team, Caller caller) {
        if (realm == null || realm.isBlank()) {
            throw new IllegalArgumentException("realm: required, the name of a Keycloak realm");
        }
        IdentityInput input = new IdentityInput(realms.read(realm).toString().getBytes(StandardCharsets.UTF_8));
        IdentityReport read = parsers.choose(KeycloakRealmParser.FORMAT, input).parse(input);
        IdentityReport live = new IdentityReport(KEYCLOAK_LIVE, read.account(), read.part(), read.principals(),
                read.policies(), read.externalAccess(), read.rejected(), Instant.now(), read.realm());
        return importReport(live, team, caller);
    }

    /** Applies a report already read (an export, or a live reading of a realm). */
    public IdentityImport importReport(IdentityReport report, String team, Caller caller) {
        List<String> warnings = new ArrayList<>();
        String inventoryOwner = null;
        if (teams.configured(report.account()).isEmpty()) {
            switch (inventory.ownerOf(report.account())) {
                case InventoryAccounts.Known known -> inventoryOwner = known.team();
                case InventoryAccounts.Unknown unknown -> {
                }
                case InventoryAccounts.Unanswered no -> warnings.add("the account's team is not from the inventory: "
                        + no.reason());
            }
        }
        String owner = inventoryOwner;
        String forTeam = QuarkusTransaction.requiringNew()
                .call(() -> teams.teamFor(report.account(), owner, team, caller));
        long t0 = System.nanoTime();
        IdentityImport job = QuarkusTransaction.requiringNew().timeout(600)
                .call(() -> apply(report, forTeam, caller, Instant.now(), warnings));
        LOG.infof("identity import %s of %s: %d principals, %d findings opened, %d resolved, %d ms", job.id,
                job.account, job.received, job.findings, job.resolved, (System.nanoTime() - t0) / 1_000_000);
        return job;
    }

    private IdentityImport apply(IdentityReport report, String team, Caller caller, Instant now,
            List<String> warnings) {
        String actor = caller.name();
        boolean realm = report.realm() != null;
        IdentityAccount account = accounts.lockOrCreate(report.account(), realm ? "keycloak" : "aws", team);
        if (!Objects.equals(account.team, team)) {
            // the inventory (or the configuration) now names another owner: the account and its principals move
            warnings.add("account " + account.id + " moved from " + AccountTeams.describe(account.team) + " to "
                    + AccountTeams.describe(team));
            account.team = team;
            principals.moveToTeam(account.id, team);
        }
        if (!account.kind.equals(realm ? "keycloak" : "aws")) {
            throw new IllegalArgumentException(report.account() + " is a " + account.kind + " account, not "
                    + report.format());
        }
        IdentityImport job = new IdentityImport();
        job.id = UUID.randomUUID();
        job.format = report.format();
        job.account = report.account();
        job.team = account.team;
        job.requestedBy = actor;
        job.startedAt = now;
        job.received = realm
                ? report.realm().users().size()
                : report.principals().size() + report.externalAccess().size();
        job.rejected = report.rejected().size();
        job.errors = AccountPictures.write(report.rejected());
        long t0 = System.nanoTime();
        List<Violation> found = realm
                ? keycloak.apply(report, account, job, now)
                : aws.apply(report, account, job, warnings, now);
        long t1 = System.nanoTime();
        ViolationTracker.Outcome outcome = violations.update(report.account(), account.team, found, now);
        LOG.debugf("identity import of %s: picture and checks %d ms, findings %d ms", report.account(),
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        job.findings = outcome.opened();
        job.resolved = outcome.resolved();
        job.warnings = AccountPictures.write(warnings);
        job.status = "completed";
        job.finishedAt = Instant.now();
        imports.persist(job);
        // the identity-service keeps the ledger: its own audit entry is chained in the import's transaction
        var data = Json.MAPPER.createObjectNode();
        data.set("after", Json.MAPPER.valueToTree(Map.of("import", job.id.toString(), "format", job.format,
                "created", job.created, "updated", job.updated, "removed", job.removed, "findings", job.findings,
                "resolved", job.resolved)));
        ledger.append(AuditRecord.own(job.id.toString(), now, actor, caller.client(), "identity.import",
                "account/" + job.account, "success", null, data));
        return job;
    }

    private static byte[] read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ProblemException(413, "Content Too Large",
                        "an identity export is at most " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            if (bytes.length == 0) {
                throw new IllegalArgumentException("the request has no body: send the export as the body");
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalArgumentException("the export could not be read: " + e.getMessage(), e);
        }
    }
}
