-- One row per deploy request. settings holds the values used, secrets masked: the real ones live only in the
-- containers. replaced lists the previous containers a redeploy stopped and renamed, so a restart can restore them.
CREATE TABLE deployments (
    id          TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL,
    app_name    TEXT NOT NULL,
    mode        TEXT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT,
    settings    TEXT NOT NULL,
    redeploy    INTEGER NOT NULL DEFAULT 0,
    replaced    TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT
);
CREATE INDEX deployments_app ON deployments (app_id, created_at);
CREATE INDEX deployments_status ON deployments (status);

-- The typed events of a deployment in order; data is the event as JSON (what the progress stream sends).
CREATE TABLE deployment_events (
    deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    type          TEXT NOT NULL,
    at            TEXT NOT NULL,
    data          TEXT NOT NULL,
    PRIMARY KEY (deployment_id, seq)
);
