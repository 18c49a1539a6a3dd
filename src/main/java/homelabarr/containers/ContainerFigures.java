package homelabarr.containers;

/**
 * The latest stats of one container whose stream is open, with the name and app a listing gave it (null when no
 * listing named it yet): what /metrics exports, read from memory, never from the engine.
 */
public record ContainerFigures(String id, String name, String app, ContainerStats stats) {
}
