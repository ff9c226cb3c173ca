package io.pillar.inventory.mapping;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pillar.contracts.api.Cursor;
import io.pillar.inventory.repository.StoredAsset;

/** Assets as the REST API shows them: the document's fields plus id, version and bookkeeping. */
public final class AssetViews {

    /** An asset in a list: everything but the provider's raw configuration. */
    public static ObjectNode summary(StoredAsset a) {
        ObjectNode v = head(a.id().toString(), a.version());
        copy(a.document(), v, false);
        tail(v, a);
        return v;
    }

    /** One asset: everything, the raw configuration and the rules it violates now included. */
    public static ObjectNode detail(StoredAsset a, Collection<String> violations) {
        ObjectNode v = head(a.id().toString(), a.version());
        copy(a.document(), v, true);
        tail(v, a);
        violations.forEach(v.putArray("violations")::add);
        return v;
    }

    /** The asset as it was at one version. */
    public static ObjectNode asOf(String id, int version, Instant validFrom, String changedBy, JsonNode document) {
        ObjectNode v = head(id, version);
        copy(document, v, true);
        v.put("valid_from", validFrom.toString());
        v.put("changed_by", changedBy);
        return v;
    }

    public static Cursor cursorOf(StoredAsset a) {
        return new Cursor(a.createdAt(), a.id());
    }

    private static ObjectNode head(String id, int version) {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("id", id);
        v.put("version", version);
        return v;
    }

    private static void tail(ObjectNode v, StoredAsset a) {
        a.pinned().forEach(v.putArray("set_by_hand")::add);
        v.put("changed_by", a.changedBy());
        v.put("created_at", a.createdAt().toString());
        v.put("updated_at", a.updatedAt().toString());
    }

    private static void copy(JsonNode document, ObjectNode into, boolean configuration) {
        for (Iterator<String> it = document.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (configuration || !"configuration".equals(k)) {
                into.set(k, document.get(k));
            }
        }
    }

    private AssetViews() {
    }
}
