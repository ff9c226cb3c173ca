package io.pillar.findings.repository.bulk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * The raw records already imported, by digest, within the caller's transaction: a record claimed there is imported
 * with it, and one claimed before is not imported again.
 */
@ApplicationScoped
public class RawRecordsSeen {
    @Inject
    AgroalDataSource dataSource;

    /** SHA-256 of what makes a record what it is: its key, value and the headers the import reads. */
    public static byte[] digest(byte[] key, byte[] value, String format, String team, String scope) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : List.of(key == null ? new byte[0] : key, value == null ? new byte[0] : value,
                    bytes(format), bytes(team), bytes(scope))) {
                sha.update(ByteBuffer.allocate(4).putInt(part.length).array());
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[]{-1} : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records the digests not seen yet and returns them (those already seen are not returned). */
    public Set<ByteBuffer> claim(List<byte[]> digests) {
        Set<ByteBuffer> claimed = new HashSet<>();
        if (digests.isEmpty()) {
            return claimed;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("insert into raw_record_seen (digest) select "
                        + "unnest(?::bytea[]) on conflict do nothing returning digest")) {
            insert.setArray(1, c.createArrayOf("bytea", digests.toArray(new byte[0][])));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    claimed.add(ByteBuffer.wrap(rs.getBytes(1)));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("recording the records read failed: " + e.getMessage(), e);
        }
    }

    /** Whether a record with this digest was imported. */
    public boolean seen(byte[] digest) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select 1 from raw_record_seen where digest = ?")) {
            query.setBytes(1, digest);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the records read failed: " + e.getMessage(), e);
        }
    }

    /** Forgets the digests older than the window; returns how many. */
    public int prune(Duration window) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from raw_record_seen where seen_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(window)));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pruning the records read failed: " + e.getMessage(), e);
        }
    }
}
