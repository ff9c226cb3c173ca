package io.pillar.findings.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pillar.contracts.Topic;
import io.pillar.findings.Subscription;
import io.pillar.findings.parser.Severity;

/** A subscription as the API shows it, with the topic its matches go to. */
public record SubscriptionView(UUID id, String team, String topic, List<String> severity, List<String> status,
        List<String> product, List<String> control, java.util.Map<String, String> assetTag, String createdBy,
        Instant createdAt) {

    public static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.team, Topic.teamFindings(s.team),
                List.of(s.severityIds).stream().map(id -> Severity.label(id)).toList(), List.of(s.statuses),
                List.of(s.products), List.of(s.controls), s.assetTagMap(), s.createdBy, s.createdAt);
    }
}
