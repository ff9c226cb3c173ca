package io.pillar.identity.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.pillar.identity.IamPolicyRow;
import io.pillar.identity.IdentityAccount;
import io.pillar.identity.IdentityImport;
import io.pillar.identity.Principal;
import io.pillar.identity.aws.AwsAccount;
import io.pillar.identity.aws.AwsPrincipal;
import io.pillar.identity.aws.ManagedPolicy;
import io.pillar.identity.checks.AccountModel;
import io.pillar.identity.checks.IdentityChecks;
import io.pillar.identity.checks.Violation;
import io.pillar.identity.parser.IdentityReport;
import io.pillar.identity.repository.IamPolicyRepository;
import io.pillar.identity.repository.PrincipalRepository;

/**
 * An AWS export applied to its account's picture: an authorization-details export replaces its principals and
 * managed policies (keeping each user's credentials; a truncated page removes nothing), a credential report its
 * users' credentials, Access Analyzer findings its external access. Then the checks run over the whole account.
 */
@ApplicationScoped
public class AwsPictureUpdate {
    private static final Logger LOG = Logger.getLogger(AwsPictureUpdate.class);
    @Inject
    PrincipalRepository principals;
    @Inject
    IamPolicyRepository policies;
    @Inject
    PrincipalWrites writes;
    @Inject
    AccountPictures pictures;
    @Inject
    IdentityChecks checks;

    public List<Violation> apply(IdentityReport report, IdentityAccount account, IdentityImport job,
            List<String> warnings, Instant now) {
        long t0 = System.nanoTime();
        boolean iam = report.part().startsWith(IdentityReport.IAM);
        boolean page = report.part().equals(IdentityReport.IAM + "-page");
        boolean credentials = report.part().equals(IdentityReport.CREDENTIALS);
        Map<String, Principal> stored = new HashMap<>();
        principals.findByAccount(report.account()).forEach(p -> stored.put(p.externalId, p));
        for (AwsPrincipal next : AccountPictures.byArn(report.principals()).values()) {
            Principal row = stored.remove(next.arn());
            AwsPrincipal before = row == null || row.removedAt != null ? null : AccountPictures.read(row.document);
            AwsPrincipal merged = iam
                    ? next.withCredentialsOf(before)
                    : before == null ? next : before.withCredentials(next.credentials());
            writes.upsert(row, picture(merged), account, job, now);
        }
        for (Principal left : stored.values()) {
            if (left.removedAt != null) {
                continue;
            }
            AwsPrincipal before = AccountPictures.read(left.document);
            if (iam && !page && !AwsPrincipal.ROOT.equals(before.kind())) {
                writes.remove(left, job, now);
            } else if (credentials && before.credentials() != null) {
                // a credential report lists every user: one it does not list has no credentials left
                writes.upsert(left, picture(before.withCredentials(null)), account, job, now);
            }
        }
        if (iam) {
            replacePolicies(report, page);
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
        long t1 = System.nanoTime();
        AwsAccount picture = pictures.load(report.account());
        long t2 = System.nanoTime();
        AccountModel model = checks.model(picture);
        for (AwsPrincipal p : picture.principals().values()) {
            for (String unknown : model.unknownPolicies(p.arn())) {
                warnings.add(p.kind() + " " + p.arn() + ": policy " + unknown
                        + " is not in the export, so its permissions are not known");
            }
        }
        long t3 = System.nanoTime();
        List<Violation> found = checks.run(model, now);
        LOG.debugf("AWS picture of %s: written %d ms, read back %d ms, modelled %d ms, checked %d ms",
                report.account(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                (System.nanoTime() - t3) / 1_000_000);
        return found;
    }

    private void replacePolicies(IdentityReport report, boolean page) {
        Map<String, IamPolicyRow> stored = new HashMap<>();
        if (page) {
            policies.findByAccount(report.account()).forEach(p -> stored.put(p.arn, p));
        } else {
            policies.deleteByAccount(report.account());
            policies.flush();
        }
        for (ManagedPolicy p : report.policies()) {
            IamPolicyRow row = stored.get(p.arn());
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
    }

    private static PrincipalWrites.Picture picture(AwsPrincipal p) {
        return new PrincipalWrites.Picture(p.kind(), p.name(), p.arn(), "aws", AccountPictures.write(p),
                p.credentials() == null ? null : p.credentials().mfaActive(),
                p.lastUsed() != null
                        ? p.lastUsed()
                        : p.credentials() == null ? null : p.credentials().passwordLastUsed());
    }
}
