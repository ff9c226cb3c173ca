package io.pillar.identity.audit;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.platform.json.Json;

/**
 * The ledger's head at one moment, signed (contracts: schemas/audit-checkpoint.schema.json): the newest entry's
 * sequence number and chain hash.
 */
public record Checkpoint(long seq, String hash, Instant signedAt, String keyId, String signature) {
    public static final String ALGORITHM = "Ed25519";

    /** The bytes signed: a version line, then seq, hash, time and key id, each on a line of its own. */
    public static String payload(long seq, String hash, Instant signedAt, String keyId) {
        return "pillar-audit-checkpoint/1\n" + seq + "\n" + hash + "\n" + signedAt + "\n" + keyId + "\n";
    }

    public static Checkpoint sign(long seq, String hash, Instant signedAt, LedgerKeys keys) {
        return new Checkpoint(seq, hash, signedAt, keys.keyId(), keys.sign(payload(seq, hash, signedAt, keys.keyId())));
    }

    public boolean signedBy(LedgerKeys keys) {
        return keyId.equals(keys.keyId()) && keys.verify(payload(seq, hash, signedAt, keyId), signature);
    }

    /** The record key: the sequence number, zero-padded so that keys sort as numbers do. */
    public String key() {
        return String.format("%020d", seq);
    }

    public String toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("seq", seq).put("hash", hash).put("signed_at", signedAt.toString()).put("key_id", keyId)
                .put("algorithm", ALGORITHM).put("signature", signature);
        return n.toString();
    }

    /** @throws IllegalArgumentException when the record is not a checkpoint */
    public static Checkpoint fromJson(String json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (n == null || !n.path("seq").canConvertToLong() || !n.path("hash").isTextual()
                    || !n.path("signed_at").isTextual() || !n.path("key_id").isTextual()
                    || !n.path("signature").isTextual()) {
                throw new IllegalArgumentException("not a checkpoint: " + json);
            }
            return new Checkpoint(n.get("seq").asLong(), n.get("hash").asText(),
                    Instant.parse(n.get("signed_at").asText()), n.get("key_id").asText(), n.get("signature").asText());
        } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a checkpoint: " + e.getMessage(), e);
        }
    }
}
