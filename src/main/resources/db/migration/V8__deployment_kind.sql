-- What a deployment made: containers on one engine (POST /deploy) or a swarm stack (POST /swarm/deploy). Each kind
-- is cleaned up by its own feature after a restart.
ALTER TABLE deployments ADD COLUMN kind TEXT NOT NULL DEFAULT 'containers';
