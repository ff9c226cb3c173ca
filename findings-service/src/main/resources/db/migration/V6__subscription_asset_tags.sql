-- A subscription may also ask for findings about assets with given tags (all must match on one of the assets).
ALTER TABLE subscription ADD COLUMN asset_tags jsonb NOT NULL DEFAULT '{}';
