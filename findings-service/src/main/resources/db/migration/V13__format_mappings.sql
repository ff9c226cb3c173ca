-- Formats defined by mapping files that admins uploaded through the API (the mappings folder's files are not here).
CREATE TABLE format_mapping (
    format      text PRIMARY KEY,
    definition  text        NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL,
    version     integer     NOT NULL
);
