package homelabarr.swarm;

import homelabarr.docker.SwarmEngine;

import java.util.Map;

/**
 * Swarm mode on one environment: its manager (the environment's engine, same address and TLS), the rollout and
 * stacks that speak to it, and its one-operation-per-stack lock (stack names are only unique within a swarm).
 */
record SwarmTarget(String environment, SwarmEngine engine, StackRollout rollout, Stacks stacks, Map<String, String> busy) {
}
