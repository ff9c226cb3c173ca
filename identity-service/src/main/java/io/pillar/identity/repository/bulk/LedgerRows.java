package io.pillar.identity.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.identity.AuditEntry;
import io.pillar.platform.bulk.CopyRows;

/**
 * Writes chained ledger entries by COPY, in the current transaction, then their seals: each seal needs the sequence
 * number the database gave its entry, read back in order (appends hold the ledger's lock, so nothing interleaves).
 */
@ApplicationScoped
public class LedgerRows {
    @Inject
    AgroalDataSource dataSource;

    /**
     * @param afterSeq the head's sequence number before these entries
     * @param seal the seal of an entry, from its sequence number and hash
     */
    public void append(List<AuditEntry> entries, long afterSeq, String keyId, BiFunction<Long, String, String> seal) {
        CopyRows rows = new CopyRows(11);
        for (AuditEntry e : entries) {
            rows.row().text(e.eventId).time(e.occurredAt).text(e.source).text(e.actor).text(e.action)
                    .text(e.resource).text(e.outcome).text(e.sourceIp).text(e.details).text(e.prevHash).text(e.hash);
        }
        CopyRows seals = new CopyRows(3);
        try (Connection c = dataSource.getConnection()) {
            rows.copyInto(c, "audit_entry (event_id, occurred_at, source, actor, action, resource, outcome, "
                    + "source_ip, details, prev_hash, hash)");
            int i = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, hash FROM audit_entry WHERE seq > ? ORDER BY seq")) {
                s.setLong(1, afterSeq);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long seq = r.getLong(1);
                        String hash = r.getString(2);
                        if (i >= entries.size() || !hash.equals(entries.get(i).hash)) {
                            throw new IllegalStateException("the ledger moved while appending: entry " + seq
                                    + " is not the one written");
                        }
                        seals.row().int8(seq).text(keyId).text(seal.apply(seq, hash));
                        i++;
                    }
                }
            }
            if (i != entries.size()) {
                throw new IllegalStateException("wrote " + entries.size() + " ledger entries, found " + i);
            }
            seals.copyInto(c, "audit_seal (seq, key_id, mac)");
        } catch (SQLException e) {
            throw new IllegalStateException("appending to the audit ledger failed: " + e.getMessage(), e);
        }
    }
}
