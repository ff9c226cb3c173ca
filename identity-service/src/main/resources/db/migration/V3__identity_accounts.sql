-- Every identity source is an account: an AWS account (its 12-digit id) or a Keycloak realm (keycloak:<realm>).
ALTER TABLE aws_account RENAME TO identity_account;
ALTER TABLE identity_account ALTER COLUMN id TYPE varchar(300);
ALTER TABLE identity_account ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'aws';
-- what IAM Access Analyzer last reported of an AWS account: resources reachable from outside it
ALTER TABLE identity_account ADD COLUMN external_access jsonb;
ALTER TABLE identity_account ADD COLUMN external_access_imported_at timestamptz;
-- a Keycloak realm's settings as last imported (no secret)
ALTER TABLE identity_account ADD COLUMN realm jsonb;
ALTER TABLE principal ALTER COLUMN account TYPE varchar(300);
ALTER TABLE iam_policy ALTER COLUMN account TYPE varchar(300);
ALTER TABLE identity_import ALTER COLUMN account TYPE varchar(300);
ALTER TABLE identity_violation ALTER COLUMN account TYPE varchar(300);
