-- An asset's current document is its current version's (asset_version.document): stored once.
ALTER TABLE asset DROP COLUMN document;
