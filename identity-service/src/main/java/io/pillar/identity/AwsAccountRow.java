package io.pillar.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An AWS account whose identities were imported, the team that owns it, and when each part was last imported. */
@Entity
@Table(name = "aws_account")
public class AwsAccountRow extends PanacheEntityBase {
    @Id
    public String id;
    public String team;
    @Column(name = "iam_imported_at")
    public Instant iamImportedAt;
    @Column(name = "credentials_imported_at")
    public Instant credentialsImportedAt;
    @Column(name = "credentials_generated_at")
    public Instant credentialsGeneratedAt;
}
