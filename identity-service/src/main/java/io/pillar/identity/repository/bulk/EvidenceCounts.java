package io.pillar.identity.repository.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.pillar.platform.posture.ScopeSql;

/** What the identity-service holds in a posture scope, counted in the database. */
@ApplicationScoped
public class EvidenceCounts {
    /** Identity accounts (an AWS account or a Keycloak realm) with their team; they carry no tags. */
    public static final ScopeSql.Columns ACCOUNT = new ScopeSql.Columns("a.team", "a.id", null);

    /** Active principals of AWS accounts and of Keycloak realms, and the AWS accounts Access Analyzer reported on. */
    public record Principals(long aws, long keycloak, long accountsWithExternalAccess) {
    }

    @Inject
    AgroalDataSource dataSource;

    public Principals principals(ScopeSql scope) {
        String sql = "SELECT a.kind, count(p.id),"
                + " count(DISTINCT a.id) FILTER (WHERE a.external_access_imported_at IS NOT NULL)"
                + " FROM identity_account a LEFT JOIN principal p ON p.account = a.id AND p.removed_at IS NULL"
                + " WHERE " + scope.where() + " GROUP BY a.kind";
        long aws = 0;
        long keycloak = 0;
        long analyzed = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            scope.bind(c, s, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if ("keycloak".equals(r.getString(1))) {
                        keycloak += r.getLong(2);
                    } else {
                        aws += r.getLong(2);
                        analyzed += r.getLong(3);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting identity evidence failed: " + e.getMessage(), e);
        }
        return new Principals(aws, keycloak, analyzed);
    }
}
