-- Notification channels (webhook, ntfy, Gotify, Discord, e-mail) and the log of their deliveries.
-- settings: the channel's plain settings (JSON object); secrets: its secret settings, each encrypted on its own with
-- the key in DATA_DIR/secret-key (JSON object of name -> "v1:" base64(iv || AES-GCM ciphertext)).
CREATE TABLE notification_channels (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    type            TEXT NOT NULL,
    enabled         INTEGER NOT NULL,
    events          TEXT NOT NULL,
    settings        TEXT NOT NULL,
    secrets         TEXT NOT NULL,
    last_error      TEXT,
    last_error_at   TEXT,
    last_success_at TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- One row per notification per channel; attempts and the last error are updated as retries go.
CREATE TABLE notification_deliveries (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    status     TEXT NOT NULL,
    attempts   INTEGER NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, id);
