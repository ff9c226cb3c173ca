-- A scope's posture once a day: the count per status (the trend) and each best practice's status and reasons (what a
-- change is published against). Taken for the organisation and for every team with findings or attestations.
CREATE TABLE posture_snapshot (
    scope      varchar(400) NOT NULL,
    day        date         NOT NULL,
    team       varchar(100),
    catalog    varchar(32)  NOT NULL,
    taken_at   timestamptz  NOT NULL,
    summary    jsonb        NOT NULL,
    practices  jsonb        NOT NULL,
    PRIMARY KEY (scope, day)
);
