-- Assets are updated in place at every change: room on each page lets PostgreSQL update them without touching the
-- indexes (HOT) when no indexed column changed, which is most changes.
ALTER TABLE asset SET (fillfactor = 75);
