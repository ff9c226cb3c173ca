package io.pillar.findings.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.pillar.contracts.Topic;
import io.pillar.findings.Subscription;
import io.pillar.findings.repository.SubscriptionRepository;
import io.pillar.platform.json.Json;
import io.smallrye.common.annotation.Identifier;

/** Team subscriptions: creating one makes sure the team's topic exists. */
@ApplicationScoped
public class SubscriptionService {
    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    SubscriptionMatcher matcher;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private Admin admin;

    /** What a subscription asks for; empty lists match everything. */
    public record Criteria(String team, List<Integer> severityIds, List<String> statuses, List<String> products,
            List<String> controls, java.util.Map<String, String> assetTags) {
    }

    public Subscription create(Criteria criteria, String actor) {
        String topic = Topic.teamFindings(criteria.team());
        ensureTopic(topic);
        Subscription s = persist(criteria, actor);
        matcher.changed();
        return s;
    }

    @Transactional
    Subscription persist(Criteria c, String actor) {
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.team = c.team();
        s.severityIds = c.severityIds().stream().map(Integer::shortValue).toArray(Short[]::new);
        s.statuses = c.statuses().toArray(String[]::new);
        s.products = c.products().toArray(String[]::new);
        s.controls = c.controls().toArray(String[]::new);
        try {
            s.assetTags = Json.MAPPER.writeValueAsString(c.assetTags());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("asset_tag must be an object of strings");
        }
        s.createdBy = actor;
        s.createdAt = Instant.now();
        subscriptions.persist(s);
        return s;
    }

    /** The subscriptions of these teams (all when null). */
    @Transactional
    public List<Subscription> list(Set<String> teams) {
        return teams == null ? subscriptions.listAll() : subscriptions.ofTeams(teams);
    }

    @Transactional
    public Optional<Subscription> get(UUID id) {
        return subscriptions.findByIdOptional(id);
    }

    @Transactional
    public boolean delete(UUID id) {
        boolean deleted = subscriptions.deleteById(id);
        matcher.changed();
        return deleted;
    }

    private void ensureTopic(String topic) {
        try {
            admin().createTopics(List.of(new NewTopic(topic, Topic.TEAM_FINDINGS_PARTITIONS, (short) -1).configs(
                    Map.of("retention.ms", Long.toString(Topic.TEAM_FINDINGS_RETENTION.toMillis())))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause().getMessage());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + topic + ": " + e.getMessage());
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            // the service's own Kafka settings (bootstrap and credentials), those an admin client knows
            Map<String, Object> settings = new java.util.HashMap<>(kafka);
            settings.keySet().retainAll(AdminClientConfig.configNames());
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
