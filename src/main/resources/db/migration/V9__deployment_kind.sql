-- What a deployment made: containers on one engine (POST /deploy) or a swarm stack (POST /swarm/deploy). Each kind
-- is cleaned up by its own feature after a restart. V9, not V7: other branches of the same time may add V7 and V8.
ALTER TABLE deployments ADD COLUMN kind TEXT NOT NULL DEFAULT 'containers';
