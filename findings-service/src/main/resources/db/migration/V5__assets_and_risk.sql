-- Resources resolved to inventory assets, and the risk score derived from them (see the README's "Risk").
ALTER TABLE finding
    ADD COLUMN asset_ids    uuid[],
    ADD COLUMN risk_score   smallint,
    ADD COLUMN risk_factors jsonb,
    ADD COLUMN enriched_at  timestamptz;
-- findings waiting for resolution: new ones, and those whose content changed
CREATE INDEX finding_unenriched_idx ON finding (created_at) WHERE enriched_at IS NULL;
CREATE INDEX finding_risk_idx ON finding (risk_score DESC NULLS LAST, created_at DESC, id DESC);
