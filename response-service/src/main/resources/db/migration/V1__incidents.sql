-- Incidents (cases) opened from findings or by analysts.
CREATE TABLE incident (
    id               uuid         PRIMARY KEY,
    title            text         NOT NULL,
    severity_id      smallint     NOT NULL CHECK (severity_id BETWEEN 0 AND 99),
    status           varchar(32)  NOT NULL,
    team             varchar(100),
    detected_at      timestamptz,
    acknowledged_at  timestamptz,
    contained_at     timestamptz,
    resolved_at      timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX incident_page_idx ON incident (created_at DESC, id DESC);
