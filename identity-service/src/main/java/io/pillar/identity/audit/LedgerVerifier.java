package io.pillar.identity.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.pillar.identity.AuditEntry;
import io.pillar.identity.repository.AuditLedgerRepository;
import io.pillar.identity.service.AuditChain;
import io.pillar.identity.service.AuditLedger;

/**
 * Verifies the ledger against what the database cannot forge: every entry's hash against its content, its link to
 * the entry before, its seal ({@link LedgerKeys}), and every signed checkpoint (its signature, and that the entry it
 * names is there with the hash it signed). Problems name the first bad entry, or the range that is missing.
 */
@ApplicationScoped
public class LedgerVerifier {
    private static final int BATCH = 2_000;
    private static final int MAX_PROBLEMS = 20;

    @Inject
    AuditLedgerRepository ledger;
    @Inject
    LedgerKeys keys;
    @Inject
    CheckpointLog checkpoints;

    /** One thing wrong: what, and the entry (or the first and last of the range) it concerns. */
    public record Problem(String kind, long seq, Long missingFrom, Long missingTo, String detail) {
    }

    public record Verification(boolean valid, String mode, long entries, long entriesChecked, Long headSeq,
            String headHash,
            int checkpoints, Long latestCheckpointSeq, Long firstBadSeq, List<Problem> problems) {
    }

    /** The head and whether the entries after a checkpoint hold, for signing the next one. */
    public record Head(long seq, String hash, boolean valid, String problem) {
    }

    private volatile Checkpoint verifiedUpTo;
    private volatile Verified lastVerified;

    /** A verification's result and when it finished. */
    public record Verified(Verification verification, java.time.Instant at) {
    }

    /** The newest verification's result, by whoever asked for it; none before the first has finished. */
    public Verified latest() {
        return lastVerified;
    }

    /**
     * Full: every entry from the first. Incremental: from the newest checkpoint a previous verification found whole
     * (re-checking that its entry is still there unchanged), every checkpoint's signature and position still checked.
     */
    @Transactional
    public Verification verify(boolean full) {
        CheckpointLog.Contents published = checkpoints.read();
        List<Problem> problems = new ArrayList<>();
        published.malformed().forEach(m -> problems.add(new Problem("malformed-checkpoint", 0, null, null, m)));
        List<Checkpoint> good = new ArrayList<>();
        for (Checkpoint c : published.checkpoints()) {
            if (c.signedBy(keys)) {
                good.add(c);
            } else {
                problems.add(new Problem("bad-checkpoint-signature", c.seq(), null, null, "the checkpoint of entry "
                        + c.seq() + " (key " + c.keyId() + ") is not signed by the ledger's key " + keys.keyId()));
            }
        }
        Checkpoint from = full ? null : verifiedUpTo;
        if (from != null) {
            AuditEntry at = ledger.at(from.seq());
            if (at == null || !at.hash.equals(from.hash())) {
                from = null; // the entry verification would start from changed: verify all of it
            }
        }
        Walk walk = new Walk(good, problems);
        walk.run(from);
        Checkpoint latest = good.isEmpty() ? null : good.get(good.size() - 1);
        if (latest != null && (walk.lastSeq < latest.seq())) {
            problems.add(new Problem("truncated", walk.lastSeq + 1, walk.lastSeq + 1, latest.seq(),
                    "entries " + (walk.lastSeq + 1) + " to " + latest.seq() + " are missing: the checkpoint signed at "
                            + latest.signedAt() + " covers up to entry " + latest.seq()));
        }
        boolean valid = problems.isEmpty();
        if (valid && latest != null) {
            verifiedUpTo = latest;
        }
        Long firstBad = problems.stream().filter(p -> p.seq() > 0).map(Problem::seq).min(Long::compare).orElse(null);
        Verification result = new Verification(valid, from == null ? "full" : "incremental", ledger.count(),
                walk.checked,
                walk.lastSeq == 0 ? null : walk.lastSeq, walk.lastHash, good.size(),
                latest == null ? null : latest.seq(), firstBad,
                problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
        lastVerified = new Verified(result, java.time.Instant.now());
        return result;
    }

    /** The head, with the entries after {@code last} checked (none checked when there is no checkpoint yet). */
    @Transactional
    public Head headSince(Checkpoint last) {
        AuditEntry head = ledger.head();
        if (head == null) {
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        Walk walk = new Walk(last == null ? List.of() : List.of(last), problems);
        walk.run(last);
        if (last != null && walk.lastSeq < last.seq()) {
            problems.add(new Problem("truncated", walk.lastSeq + 1, walk.lastSeq + 1, last.seq(), "entries "
                    + (walk.lastSeq + 1) + " to " + last.seq() + " are missing"));
        }
        return new Head(walk.lastSeq, walk.lastHash, problems.isEmpty(),
                problems.isEmpty() ? null : problems.get(0).detail());
    }

    /** One pass over the entries, oldest first, from a checkpoint or from the start. */
    private final class Walk {
        private final List<Checkpoint> signed;
        private final List<Problem> problems;
        private int nextCheckpoint;
        long checked;
        long lastSeq;
        String lastHash;

        Walk(List<Checkpoint> signed, List<Problem> problems) {
            this.signed = signed;
            this.problems = problems;
        }

        void run(Checkpoint start) {
            String prev = start == null ? AuditChain.GENESIS : start.hash();
            long after = start == null ? 0 : start.seq();
            lastSeq = after;
            lastHash = start == null ? null : start.hash();
            while (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).seq() <= after) {
                nextCheckpoint++;
            }
            List<AuditEntry> batch;
            while (!(batch = ledger.oldestFirst(after, BATCH)).isEmpty()) {
                Map<Long, String> seals = ledger.seals(batch.get(0).seq, batch.get(batch.size() - 1).seq);
                for (AuditEntry e : batch) {
                    checkpointsBefore(e.seq);
                    check(e, prev, seals.get(e.seq));
                    Checkpoint c = nextCheckpoint < signed.size() ? signed.get(nextCheckpoint) : null;
                    if (c != null && c.seq() == e.seq) {
                        if (!c.hash().equals(e.hash)) {
                            problem("checkpoint-mismatch", e.seq, "entry " + e.seq + " is not the entry the checkpoint "
                                    + "signed at " + c.signedAt() + " names: the ledger up to it was rewritten");
                        }
                        nextCheckpoint++;
                    }
                    prev = e.hash;
                    lastSeq = e.seq;
                    lastHash = e.hash;
                    after = e.seq;
                    checked++;
                }
                ledger.forgetRead();
            }
        }

        /** Checkpoints naming entries that are not there (deleted) before this one. */
        private void checkpointsBefore(long seq) {
            while (nextCheckpoint < signed.size() && signed.get(nextCheckpoint).seq() < seq) {
                Checkpoint c = signed.get(nextCheckpoint++);
                problem("deleted", c.seq(), "entry " + c.seq() + ", named by the checkpoint signed at " + c.signedAt()
                        + ", is missing");
            }
        }

        private void check(AuditEntry e, String prev, String seal) {
            if (!e.hash.equals(AuditLedger.hashOf(e, e.prevHash))) {
                problem("modified", e.seq, "entry " + e.seq + " does not match its hash: its content was changed");
            } else if (!e.prevHash.equals(prev)) {
                problems.add(new Problem("deleted-or-reordered", e.seq, lastSeq + 1, e.seq - 1, "entry " + e.seq
                        + " was chained after another entry than entry " + lastSeq
                        + ": entries between them were deleted, or entries were reordered"));
            } else if (!keys.sealHolds(e.seq, e.hash, seal)) {
                problem(seal == null ? "unsealed" : "forged", e.seq, "entry " + e.seq + (seal == null
                        ? " has no seal: it was not written by the ledger"
                        : " has a seal the ledger's key did not make: it was forged or rewritten"));
            }
        }

        private void problem(String kind, long seq, String detail) {
            problems.add(new Problem(kind, seq, null, null, detail));
        }
    }
}
