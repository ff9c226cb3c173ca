-- Version documents and patches are written and read whole, never queried inside: text spares the jsonb conversion
-- both ways (and documents of a few KB stay uncompressed in the row).
ALTER TABLE asset_version
    ALTER COLUMN document TYPE text USING document::text,
    ALTER COLUMN patch TYPE text USING patch::text;
