-- Docker environments besides the built-in "local" one. tls_key holds the client key encrypted with the key in
-- DATA_DIR/secret-key (AES-GCM), or NULL when the key is read from key_path at start; ca/cert are public.
CREATE TABLE environments (
    name        TEXT PRIMARY KEY,
    address     TEXT NOT NULL,
    tls_ca      TEXT,
    tls_cert    TEXT,
    tls_key     TEXT,
    ca_path     TEXT,
    cert_path   TEXT,
    key_path    TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Where each deployment runs; every deployment before this migration ran on the local engine.
ALTER TABLE deployments ADD COLUMN environment TEXT NOT NULL DEFAULT 'local';
CREATE INDEX deployments_environment ON deployments (environment, created_at);
