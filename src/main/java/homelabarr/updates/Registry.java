package homelabarr.updates;

import homelabarr.catalog.ImageRef;

import java.net.URI;

/**
 * Where an image's registry answers and under which name: {@code nginx} is {@code library/nginx} on Docker Hub's
 * {@code registry-1.docker.io}. Loopback registries are spoken to over plain HTTP, as the Docker Engine does
 * by default; every other one over HTTPS. {@code host} is the key credentials are stored under.
 */
record Registry(String host, String repository, URI base) {
    static final String DOCKER_HUB = "docker.io";

    static Registry of(ImageRef image) {
        String named = image.registry() == null ? null : image.registry().toLowerCase(java.util.Locale.ROOT);
        String host = named == null || named.equals("index.docker.io") || named.equals("registry-1.docker.io")
                ? DOCKER_HUB : named;
        String repository = host.equals(DOCKER_HUB) && !image.repository().contains("/")
                ? "library/" + image.repository() : image.repository();
        String address = host.equals(DOCKER_HUB) ? "registry-1.docker.io" : host;
        return new Registry(host, repository, URI.create((loopback(host) ? "http://" : "https://") + address));
    }

    static boolean loopback(String host) {
        String name = host.replaceFirst(":\\d+$", "");
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    URI manifest(String reference) {
        return base.resolve("/v2/" + repository + "/manifests/" + reference);
    }

    URI tags() {
        return base.resolve("/v2/" + repository + "/tags/list?n=1000");
    }
}
