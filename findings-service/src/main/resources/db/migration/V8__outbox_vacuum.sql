-- The outbox is a queue: a large import fills it, the relay empties it within seconds. Vacuumed after every few
-- thousand deleted events, without the cost-based pause (its live rows are few), so that the space they leave is
-- reused instead of the table growing with each import.
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                        autovacuum_vacuum_cost_delay = 0);
