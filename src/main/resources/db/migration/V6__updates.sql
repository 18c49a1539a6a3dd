-- Update checks (issue 15). V6, not V4/V5: other branches of the same time add V4 (environments) and V5.
-- One row per app and service: what the container runs, what the registry serves for its tag now, and newer
-- version tags. notified_digest: the registry digest an "update available" event was last sent for, so it is sent once.
CREATE TABLE update_checks (
    app_id          TEXT NOT NULL,
    service         TEXT NOT NULL,
    container_name  TEXT NOT NULL,
    image           TEXT NOT NULL,
    current_digest  TEXT,
    remote_digest   TEXT,
    newer_tags      TEXT NOT NULL DEFAULT '[]',
    status          TEXT NOT NULL,
    error           TEXT,
    checked_at      TEXT NOT NULL,
    notified_digest TEXT,
    PRIMARY KEY (app_id, service)
);

-- Per-app update policy: notify (default, no row), auto (within the UTC window "HH:MM-HH:MM", or any time) or pinned.
CREATE TABLE update_policies (
    app_id     TEXT PRIMARY KEY,
    policy     TEXT NOT NULL,
    window     TEXT,
    set_by     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Registry logins an administrator stored; secret is AES-GCM encrypted with DATA_DIR/secret-key, never returned.
CREATE TABLE registry_credentials (
    registry   TEXT PRIMARY KEY,
    username   TEXT NOT NULL,
    secret     TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per update: the deployment that ran it, what ran before (per service: container, image, digest) and
-- the pinned images it moved to, so an administrator can see what a rollback went back to.
CREATE TABLE update_runs (
    deployment_id TEXT PRIMARY KEY,
    app_id        TEXT NOT NULL,
    previous      TEXT NOT NULL,
    target        TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE INDEX update_runs_app ON update_runs (app_id, created_at);
