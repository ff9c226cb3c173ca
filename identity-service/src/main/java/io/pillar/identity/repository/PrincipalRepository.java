package io.pillar.identity.repository;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pillar.contracts.api.Cursor;
import io.pillar.identity.Principal;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class PrincipalRepository implements PanacheRepositoryBase<Principal, UUID> {

    /** Every principal the account ever had, removed ones included. */
    /** Every principal of the account now belongs to this team (null: to no team). */
    public int moveToTeam(String account, String team) {
        return update("team = ?1 where account = ?2", team, account);
    }

    public List<Principal> findByAccount(String account) {
        return list("account", account);
    }

    /** The account's principals that are not removed. */
    public List<Principal> findActiveByAccount(String account) {
        return list("account = ?1 and removedAt is null", account);
    }

    /** What a list of principals is narrowed to; null members do not narrow. */
    public record Filter(String account, String type, String name, Set<String> teams) {
    }

    /**
     * Up to {@code limit} principals (not removed) after the cursor, newest first, of the given teams (null: every
     * team and none).
     */
    public List<Principal> page(Filter filter, Cursor after, int limit) {
        StringBuilder q = new StringBuilder("removedAt is null");
        Parameters p = new Parameters();
        if (filter.account() != null) {
            q.append(" and account = :account");
            p.and("account", filter.account());
        }
        if (filter.type() != null) {
            q.append(" and type = :type");
            p.and("type", filter.type());
        }
        if (filter.name() != null) {
            q.append(" and lower(name) like :name");
            p.and("name", "%" + filter.name().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        if (filter.teams() != null) {
            q.append(" and team in :teams");
            p.and("teams", filter.teams().isEmpty() ? Set.of("") : filter.teams());
        }
        if (after != null) {
            q.append(" and (createdAt < :time or (createdAt = :time and id < :id))");
            p.and("time", after.time()).and("id", after.id());
        }
        return find(q + " order by createdAt desc, id desc", p).page(0, limit).list();
    }
}
