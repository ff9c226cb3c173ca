package io.pillar.findings.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.findings.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {
}
