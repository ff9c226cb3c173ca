package io.pillar.identity.service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.identity.IamPolicyRow;
import io.pillar.identity.IdentityAccount;
import io.pillar.identity.IdentityImport;
import io.pillar.identity.Principal;
import io.pillar.identity.PrincipalChange;
import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.ManagedPolicy;
import io.pillar.identity.checks.IdentityChecks;
import io.pillar.identity.mapping.AuditRecord;
import io.pillar.identity.mapping.IdentityEvents;
import io.pillar.identity.parser.IdentityInput;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.parser.ParserRegistry;
import io.pillar.identity.repository.IamPolicyRepository;
import io.pillar.identity.repository.IdentityAccountRepository;
import io.pillar.identity.repository.IdentityImportRepository;
import io.pillar.identity.repository.PrincipalRepository;
import io.pillar.platform.json.Json;
import io.pillar.platform.problem.ProblemException;
import io.pillar.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports an identity export: reads it, checks who may import the account, and in one transaction replaces the
 * account's picture (an authorization-details export: its principals and policies; a credential report: its users'
 * credentials), records what changed of each principal, runs the checks and publishes the findings that opened and
 * the resolutions of those that closed, with an audit event. Nothing is half-written: any failure rolls it all back.
 */
@ApplicationScoped
public class IdentityImports {
    static final int MAX_BYTES = 100 * 1024 * 1024;

    @Inject
    ParserRegistry parsers;
    @Inject
    AccountTeams teams;
    @Inject
    IdentityAccountRepository accounts;
    @Inject
    PrincipalRepository principals;
    @Inject
    IamPolicyRepository policies;
    @Inject
    IdentityImportRepository imports;
    @Inject
    AccountPictures pictures;
    @Inject
    IdentityChecks checks;
    @Inject
    ViolationTracker violations;
    @Inject
    AuditLedger ledger;

    public IdentityImport importExport(InputStream body, String format, String team, Caller caller) {
        IdentityInput input = new IdentityInput(read(body));
        IdentityReport report = parsers.choose(format, input).parse(input);
        String forTeam = QuarkusTransaction.requiringNew().call(() -> teams.teamFor(report.account(), team, caller));
        return QuarkusTransaction.requiringNew().timeout(600)
                .call(() -> apply(report, forTeam, caller.name(), Instant.now()));
    }

    private IdentityImport apply(IdentityReport report, String team, String actor, Instant now) {
        IdentityAccount account = accounts.lockOrCreate(report.account(), "aws", team);
        IdentityImport job = new IdentityImport();
        job.id = UUID.randomUUID();
        job.format = report.format();
        job.account = report.account();
        job.team = account.team;
        job.requestedBy = actor;
        job.startedAt = now;
        job.received = report.principals().size() + report.externalAccess().size();
        job.rejected = report.rejected().size();
        job.errors = AccountPictures.write(report.rejected());
        List<String> warnings = new ArrayList<>();

        boolean iam = report.part().startsWith(IdentityReport.IAM);
        boolean credentials = report.part().equals(IdentityReport.CREDENTIALS);
        boolean page = report.part().equals(IdentityReport.IAM + "-page");
        Map<String, Principal> stored = new HashMap<>();
        principals.findByAccount(report.account()).forEach(p -> stored.put(p.externalId, p));
        Map<String, AwsPrincipal> incoming = AccountPictures.byArn(report.principals());
        for (AwsPrincipal next : incoming.values()) {
            Principal row = stored.remove(next.arn());
            AwsPrincipal before = row == null || row.removedAt != null ? null : AccountPictures.read(row.document);
            AwsPrincipal merged = iam
                    ? next.withCredentialsOf(before)
                    : before == null
                            ? next
                            : before
                                    .withCredentials(next.credentials());
            upsert(row, merged, before, account, job, now);
        }
        for (Principal left : stored.values()) {
            if (left.removedAt != null) {
                continue;
            }
            AwsPrincipal before = AccountPictures.read(left.document);
            if (iam && !page && !AwsPrincipal.ROOT.equals(before.kind())) {
                remove(left, before, job, now);
            } else if (credentials && before.credentials() != null) {
                // a credential report lists every user: one it does not list has no credentials left
                upsert(left, before.withCredentials(null), before, account, job, now);
            }
        }
        if (iam) {
            if (!page) {
                policies.deleteByAccount(report.account());
                policies.flush();
            }
            for (ManagedPolicy p : report.policies()) {
                IamPolicyRow row = policies.findById(key(report.account(), p.arn()));
                if (row == null) {
                    row = new IamPolicyRow();
                    row.account = report.account();
                    row.arn = p.arn();
                }
                row.name = p.name();
                row.awsManaged = p.awsManaged();
                row.version = p.defaultVersion();
                row.document = p.document().toString();
                policies.persist(row);
            }
            account.iamImportedAt = now;
            if (page) {
                warnings.add("the export is one page (IsTruncated): principals and policies it does not show "
                        + "were kept as they were");
            }
        } else if (report.part().equals(IdentityReport.EXTERNAL_ACCESS)) {
            account.externalAccess = AccountPictures.write(report.externalAccess());
            account.externalAccessImportedAt = now;
        } else {
            account.credentialsImportedAt = now;
            account.credentialsGeneratedAt = report.generatedAt();
        }
        principals.flush();

        var picture = pictures.load(report.account());
        var model = checks.model(picture);
        for (AwsPrincipal p : picture.principals().values()) {
            for (String unknown : model.unknownPolicies(p.arn())) {
                warnings.add(p.kind() + " " + p.arn() + ": policy " + unknown
                        + " is not in the export, so its permissions are not known");
            }
        }
        ViolationTracker.Outcome found = violations.update(report.account(), account.team,
                checks.run(picture, now), now);
        job.findings = found.opened();
        job.resolved = found.resolved();
        job.warnings = AccountPictures.write(warnings);
        job.status = "completed";
        job.finishedAt = Instant.now();
        imports.persist(job);
        // the identity-service keeps the ledger: its own audit entry is chained in the import's transaction
        var data = Json.MAPPER.createObjectNode();
        data.put("actor", actor).put("action", "identity.import").put("resource", "aws-account/" + job.account)
                .put("outcome", "success");
        data.set("after", Json.MAPPER.valueToTree(Map.of("import", job.id.toString(), "format", job.format,
                "created", job.created, "updated", job.updated, "removed", job.removed, "findings", job.findings,
                "resolved", job.resolved)));
        ledger.append(new AuditRecord(job.id.toString(), now, IdentityEvents.SOURCE, actor, "identity.import",
                "aws-account/" + job.account, "success", null, data.toString()));
        return job;
    }

    private void upsert(Principal row, AwsPrincipal next, AwsPrincipal before, IdentityAccount account,
            IdentityImport job, Instant now) {
        String doc = AccountPictures.write(next);
        // compared as trees: the database keeps JSON with its keys in an order of its own
        if (row != null && row.removedAt == null && before != null && AccountPictures.sameJson(row.document, doc)) {
            job.unchanged++;
            return;
        }
        boolean created = row == null || row.removedAt != null;
        if (row == null) {
            row = new Principal();
            row.id = UUID.randomUUID();
            row.source = "aws";
            row.externalId = next.arn();
            row.createdAt = now;
        }
        row.type = next.kind();
        row.name = next.name();
        row.account = account.id;
        row.team = account.team;
        row.document = doc;
        row.mfaEnabled = next.credentials() == null ? null : next.credentials().mfaActive();
        row.lastUsedAt = next.lastUsed() != null
                ? next.lastUsed()
                : next.credentials() == null ? null : next.credentials().passwordLastUsed();
        row.updatedAt = now;
        row.removedAt = null;
        principals.persist(row);
        change(row.id, job, created ? "added" : "changed", before == null ? null : AccountPictures.write(before),
                doc, now);
        if (created) {
            job.created++;
        } else {
            job.updated++;
        }
    }

    private void remove(Principal row, AwsPrincipal before, IdentityImport job, Instant now) {
        row.removedAt = now;
        row.updatedAt = now;
        change(row.id, job, "removed", AccountPictures.write(before), null, now);
        job.removed++;
    }

    private static void change(UUID principal, IdentityImport job, String what, String before, String after,
            Instant now) {
        PrincipalChange c = new PrincipalChange();
        c.principalId = principal;
        c.importId = job.id;
        c.change = what;
        c.before = before;
        c.after = after;
        c.changedAt = now;
        c.persist();
    }

    private static IamPolicyRow.Key key(String account, String arn) {
        IamPolicyRow.Key k = new IamPolicyRow.Key();
        k.account = account;
        k.arn = arn;
        return k;
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
