package io.pillar.identity.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pillar.identity.IdentityAccount;
import io.pillar.identity.IdentityImport;
import io.pillar.identity.Principal;
import io.pillar.identity.PrincipalChange;
import io.pillar.identity.repository.PrincipalRepository;

/** A principal's row written or removed by an import, with what changed kept in its history and counted. */
@ApplicationScoped
public class PrincipalWrites {
    @Inject
    PrincipalRepository principals;

    /** A principal as an import sees it: what the row says of it, and its picture as JSON. */
    public record Picture(String kind, String name, String externalId, String source, String document, Boolean mfa,
            Instant lastUsed) {
    }

    /** Writes the picture over the row (null: a new principal); unchanged when the pictures are equal. */
    public void upsert(Principal row, Picture next, IdentityAccount account, IdentityImport job, Instant now) {
        boolean present = row != null && row.removedAt == null;
        // compared as trees: the database keeps JSON with its keys in an order of its own
        if (present && AccountPictures.sameJson(row.document, next.document())) {
            job.unchanged++;
            return;
        }
        String before = present ? row.document : null;
        if (row == null) {
            row = new Principal();
            row.id = UUID.randomUUID();
            row.source = next.source();
            row.externalId = next.externalId();
            row.createdAt = now;
        }
        row.type = next.kind();
        row.name = next.name();
        row.account = account.id;
        row.team = account.team;
        row.document = next.document();
        row.mfaEnabled = next.mfa();
        row.lastUsedAt = next.lastUsed();
        row.updatedAt = now;
        row.removedAt = null;
        principals.persist(row);
        change(row.id, job, present ? "changed" : "added", before, next.document(), now);
        if (present) {
            job.updated++;
        } else {
            job.created++;
        }
    }

    public void remove(Principal row, IdentityImport job, Instant now) {
        row.removedAt = now;
        row.updatedAt = now;
        change(row.id, job, "removed", row.document, null, now);
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
}
