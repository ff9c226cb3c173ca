package io.pillar.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An identity source whose principals were imported (an AWS account, a Keycloak realm as {@code keycloak:<realm>}),
 * the team that owns it, and when each part was last imported.
 */
@Entity
@Table(name = "identity_account")
public class IdentityAccount extends PanacheEntityBase {
    @Id
    public String id;
    public String team;
    @Column(name = "iam_imported_at")
    public Instant iamImportedAt;
    @Column(name = "credentials_imported_at")
    public Instant credentialsImportedAt;
    @Column(name = "credentials_generated_at")
    public Instant credentialsGeneratedAt;
    /** {@code aws} or {@code keycloak}. */
    public String kind;
    /** IAM Access Analyzer's findings as last imported ({@code ExternalAccess} list as JSON). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "external_access")
    public String externalAccess;
    @Column(name = "external_access_imported_at")
    public Instant externalAccessImportedAt;
    /** A Keycloak realm's settings as last imported. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String realm;
}
