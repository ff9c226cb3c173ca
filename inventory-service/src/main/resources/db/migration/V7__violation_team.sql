-- A rule finding belongs to the team that owned the asset when the violation started: its resolution goes to the same
-- team's finding, whoever owns the asset by then.
ALTER TABLE rule_violation ADD COLUMN team varchar(100);
