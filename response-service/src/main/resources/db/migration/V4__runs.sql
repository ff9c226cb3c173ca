-- Playbook runs and the state of each step, persisted before and after the step runs: a run survives a restart and
-- resumes without repeating a completed step.
CREATE TABLE run (
    id                uuid          PRIMARY KEY,
    playbook_id       uuid          NOT NULL REFERENCES playbook (id),
    playbook_version  integer       NOT NULL,
    team              varchar(100),
    incident_id       uuid          REFERENCES incident (id),
    requested_by      varchar(512)  NOT NULL,
    simulation        boolean       NOT NULL DEFAULT false,
    -- running, waiting (on a person or an executor), completed, failed, cancelled
    status            varchar(16)   NOT NULL,
    inputs            jsonb         NOT NULL,
    -- the variables as the run left them (out arguments of its steps)
    variables         jsonb,
    error             text,
    -- set when a trigger started it: one run per trigger and finding
    trigger_key       varchar(300)  UNIQUE,
    -- when a driver should next look at the run (a deadline, a retry, an answer)
    wake_at           timestamptz,
    -- while a driver works on the run: until when; a driver that stopped loses the run when this passes
    lease_until       timestamptz,
    -- counts answers (a step completed, a result, a cancel) so a driver that was busy knows to look again
    pokes             bigint        NOT NULL DEFAULT 0,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    finished_at       timestamptz
);

CREATE INDEX run_due_idx ON run (wake_at) WHERE status IN ('running', 'waiting');
CREATE INDEX run_page_idx ON run (created_at DESC, id DESC);
CREATE INDEX run_incident_idx ON run (incident_id);

-- A step's place in a run: the step id, within the branches and loop iterations that led to it
-- (e.g. "while--x#2/action--y"), so a step that runs more than once has one row per time.
CREATE TABLE run_step (
    run_id        uuid           NOT NULL REFERENCES run (id),
    step_key      varchar(2000)  NOT NULL,
    step_id       varchar(200)   NOT NULL,
    step_type     varchar(32)    NOT NULL,
    name          text,
    -- running, waiting, completed, failed
    status        varchar(16)    NOT NULL,
    -- for a finished step: success, failure, timeout, rejected
    outcome       varchar(16),
    attempt       integer        NOT NULL DEFAULT 1,
    inputs        jsonb,
    outputs       jsonb,
    error         text,
    started_at    timestamptz    NOT NULL,
    finished_at   timestamptz,
    -- a waiting step fails with outcome timeout once this passes; a step to retry runs again at next_attempt_at
    deadline      timestamptz,
    next_attempt_at timestamptz,
    completed_by  varchar(512),
    comment       text,
    seq           bigint         GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (run_id, step_key)
);
