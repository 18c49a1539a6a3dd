package homelabarr.deploy;

/** One deployment as the executor runs it. {@code pullAlways}: pull even images that are present. */
record Job(Plan plan, ResolvedSettings settings, FolderRoots folders, Progress progress, Cancellation cancellation,
           boolean redeploy, boolean pullAlways) {
}
