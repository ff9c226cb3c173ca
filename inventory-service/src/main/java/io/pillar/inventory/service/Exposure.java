package io.pillar.inventory.service;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Internet exposure, derived from an asset's own attributes and its relationships (docs/exposure.md):
 * <ul>
 * <li>publicly accessible by its own configuration (public bucket, snapshot or repository policy, database marked
 * publicly accessible, internet-facing load balancer, cluster endpoint open to everyone);</li>
 * <li>a public IP address and an attached security group open to the internet, or no known security group;</li>
 * <li>the target of an exposed load balancer ({@code routes-to}).</li>
 * </ul>
 * Deleted assets are not exposed.
 */
final class Exposure {

    /** How to see the neighbours: an asset by identifier, and the assets that route to any of some identifiers. */
    interface Neighbours {
        JsonNode byIdentifier(String identifier);

        List<JsonNode> routingTo(JsonNode asset);
    }

    /** Sets {@code internet_exposed} and {@code exposure_reasons} on the document. */
    static void derive(ObjectNode doc, Neighbours neighbours) {
        List<String> reasons = new ArrayList<>();
        if (!"deleted".equals(doc.path("status").asText())) {
            JsonNode a = doc.path("attributes");
            if (a.path("publicly_accessible").asBoolean(false)) {
                reasons.add("publicly accessible by its own configuration");
            }
            String publicIp = a.path("public_ip").isTextual() ? a.path("public_ip").asText() : null;
            if (publicIp != null) {
                List<String> open = new ArrayList<>();
                int known = 0;
                for (JsonNode rel : doc.path("relationships")) {
                    if (!"attached-to".equals(rel.path("type").asText())) {
                        continue;
                    }
                    JsonNode target = neighbours.byIdentifier(rel.path("target").asText());
                    if (target != null && "security_group".equals(target.path("type").asText())) {
                        known++;
                        if (target.path("attributes").path("open_to_internet").asBoolean(false)) {
                            open.add(rel.path("target").asText());
                        }
                    }
                }
                if (!open.isEmpty()) {
                    reasons.add("public IP " + publicIp + " and security group " + String.join(", ", open)
                            + " open to the internet");
                } else if (known == 0) {
                    reasons.add("public IP " + publicIp + " and no security group known to the inventory");
                }
            }
            for (JsonNode lb : neighbours.routingTo(doc)) {
                if (lb.path("internet_exposed").asBoolean(false)) {
                    reasons.add("behind internet-exposed " + lb.path("type").asText() + " "
                            + lb.path("natural_id").asText());
                }
            }
        }
        doc.put("internet_exposed", !reasons.isEmpty());
        var array = doc.putArray("exposure_reasons");
        reasons.forEach(array::add);
    }

    private Exposure() {
    }
}
