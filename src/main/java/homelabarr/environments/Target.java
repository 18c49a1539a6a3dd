package homelabarr.environments;

import homelabarr.docker.Engine;
import homelabarr.docker.SwarmEngine;
import homelabarr.host.Host;

/**
 * One environment as the features use it: its name, its engine, its host as this server can reach it, and the
 * engine's swarm side (answers only when the engine is a swarm manager).
 */
public record Target(String name, Engine engine, Host host, SwarmEngine swarm) {
}
