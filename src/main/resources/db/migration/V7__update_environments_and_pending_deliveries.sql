-- Issue 15, second part. Checks are made on every environment: each row says where its container runs.
ALTER TABLE update_checks ADD COLUMN environment TEXT NOT NULL DEFAULT 'local';

-- A delivery not finished yet keeps its notification (JSON) so that a restart resumes it; cleared once it ends.
ALTER TABLE notification_deliveries ADD COLUMN payload TEXT;
CREATE INDEX notification_deliveries_open ON notification_deliveries (status) WHERE payload IS NOT NULL;
