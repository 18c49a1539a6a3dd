package homelabarr.environments;

import homelabarr.docker.Engine;
import homelabarr.host.Host;

/** One environment as the features use it: its name, its engine, and its host as this server can reach it. */
public record Target(String name, Engine engine, Host host) {
}
