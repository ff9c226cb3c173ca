package io.pillar.response.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.response.Run;
import io.pillar.response.RunStep;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, UUID> {

    /**
     * Takes up to {@code limit} runs that are due and held by no driver (or by one whose lease ran out: it stopped),
     * leasing each until {@code leaseUntil}.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int limit) {
        return getEntityManager().createNativeQuery("""
                UPDATE run SET lease_until = :lease WHERE id IN (
                  SELECT id FROM run WHERE status IN ('running', 'waiting') AND wake_at <= :now
                    AND (lease_until IS NULL OR lease_until < :now)
                  ORDER BY wake_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id""", UUID.class).setParameter("lease", leaseUntil).setParameter("now", now)
                .setParameter("limit", limit).getResultList();
    }

    /** Takes this run if it is due and free, leasing it; false if not due, finished or held by another driver. */
    public boolean claim(UUID id, Instant now, Instant leaseUntil) {
        return getEntityManager().createNativeQuery("""
                UPDATE run SET lease_until = :lease WHERE id = (
                  SELECT id FROM run WHERE id = :id AND status IN ('running', 'waiting') AND wake_at <= :now
                    AND (lease_until IS NULL OR lease_until < :now)
                  FOR UPDATE SKIP LOCKED)""").setParameter("lease", leaseUntil).setParameter("now", now)
                .setParameter("id", id).executeUpdate() == 1;
    }

    /** Marks the run as answered and due now: a driver that holds it sees the poke when it lets go and looks again. */
    public void poke(UUID id) {
        update("pokes = pokes + 1, wakeAt = ?1 where id = ?2 and status in ('running', 'waiting')", Instant.now(), id);
    }

    public Optional<RunStep> step(UUID run, String key) {
        return RunStep.find("runId = ?1 and stepKey = ?2", run, key).firstResultOptional();
    }

    public List<RunStep> steps(UUID run) {
        return RunStep.list("runId = ?1 order by seq", run);
    }

    /** The steps of the run waiting for an answer, with this step id. */
    public List<RunStep> waiting(UUID run, String stepId) {
        return RunStep.list("runId = ?1 and stepId = ?2 and status = 'waiting' order by seq", run, stepId);
    }

    public Optional<RunStep> waitingByKey(UUID run, String key) {
        return RunStep.find("runId = ?1 and stepKey = ?2 and status = 'waiting'", run, key).firstResultOptional();
    }

    public Optional<Run> byTriggerKey(String key) {
        return find("triggerKey", key).firstResultOptional();
    }

    /** Up to {@code limit} runs of these teams (null: every team's), of an incident, after the cursor, newest first. */
    public List<Run> page(Set<String> teams, UUID incident, String status, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (teams != null) {
            query.append(" and team in :teams");
            params = params.and("teams", teams.isEmpty() ? Set.of("") : teams);
        }
        if (incident != null) {
            query.append(" and incidentId = :incident");
            params = params.and("incident", incident);
        }
        if (status != null) {
            query.append(" and status = :status");
            params = params.and("status", status);
        }
        if (after != null) {
            query.append(" and (createdAt < :time or (createdAt = :time and id < :id))");
            params = params.and("time", after.time()).and("id", after.id());
        }
        return find(query + " order by createdAt desc, id desc", params).page(0, limit).list();
    }
}
