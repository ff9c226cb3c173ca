-- import_finding rows are written only by an import, in the transaction that writes the findings they link. Their
-- foreign keys checked each row by locking the finding and the job (a WAL record per finding): a third of a large
-- import's database time, for a guarantee the single writer already gives.
ALTER TABLE import_finding DROP CONSTRAINT import_finding_import_id_fkey;
ALTER TABLE import_finding DROP CONSTRAINT import_finding_finding_id_fkey;
