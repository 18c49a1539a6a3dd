package homelabarr.environments;

/** The body of {@code PATCH /environments/{name}}. */
record RenameRequest(String name) {
}
