package homelabarr.testing;

/**
 * The custom templates the deploy tests write (with {@link TestServer.Builder#template}), so each shape exists once.
 * Every service, its default network and its named volume {@code data} carry {@code homelabarr.test=true}; the
 * images are the local test image, or the local registry's copy of it.
 */
public final class TestTemplates {
    public static final String IMAGE = DockerFixture.IMAGE;
    /** Pushed to the local registry by scripts/test-env.sh. */
    public static final String REGISTRY_IMAGE = "127.0.0.1:5000/test/busybox:1";
    /** Marks a template's default network and its named volume {@code data} as test resources. */
    public static final String LABELLED_DATA_AND_NETWORK = """
            volumes:
              data:
                labels:
                  homelabarr.test: "true"
            networks:
              default:
                labels:
                  homelabarr.test: "true"
            """;

    /** One web server on WEBUI_PORT (required) with a generated secret API_KEY in its environment. */
    public static final String WEB = header("Web", "One web server") + """
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  required: true
                - key: API_KEY
                  label: API key
                  type: secret
                  generate: true
            services:
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
                init: true
                environment:
                  API_KEY: "${API_KEY}"
                ports:
                  - "${WEBUI_PORT}:8080"
                labels:
                  homelabarr.test: "true"
            """ + LABELLED_DATA_AND_NETWORK;

    /**
     * A web server behind a dependency that becomes healthy after SLOW_SECONDS (default 2): a window to interfere in.
     * The dependency mounts the volume {@code data} and {@code ${APPFOLDER}/slow/keep}; the web server an anonymous
     * volume at /cache.
     */
    public static final String SLOW = header("Slow", "A web server behind a slow dependency") + """
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  required: true
                - key: SLOW_SECONDS
                  label: Seconds until healthy
                  type: number
                  default: "2"
            services:
              slow:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "sleep ${SLOW_SECONDS}; touch /tmp/ready; exec sleep 3600"]
                init: true
                healthcheck:
                  test: ["CMD", "sh", "-c", "[ -f /tmp/ready ]"]
                  interval: 1s
                volumes:
                  - data:/data
                  - ${APPFOLDER}/slow/keep:/keep
                labels:
                  homelabarr.test: "true"
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
                init: true
                depends_on:
                  slow:
                    condition: service_healthy
                ports:
                  - "${WEBUI_PORT}:8080"
                volumes:
                  - /cache
                labels:
                  homelabarr.test: "true"
            """ + LABELLED_DATA_AND_NETWORK;

    /** Exits with code 3 right after it starts, saying why on stderr. */
    public static final String CRASH = header("Crash", "Exits right after it starts") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "echo fatal: no configuration found >&2; exit 3"]
                restart: unless-stopped
                volumes:
                  - data:/data
                labels:
                  homelabarr.test: "true"
            """ + LABELLED_DATA_AND_NETWORK;

    /** Fails once with 127, then runs: by the time it is verified the engine says "running, exit code 0". */
    public static final String CRASH_ONCE = header("Crash once", "Exits on its first start only") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "[ -f /data/ran ] && exec sleep 3600; touch /data/ran; echo not found: app >&2; exit 127"]
                restart: always
                volumes:
                  - data:/data
                labels:
                  homelabarr.test: "true"
            """ + LABELLED_DATA_AND_NETWORK;

    private TestTemplates() {
    }

    /** The x-homelabarr lines every test template starts with; the template goes on with webUi/settings/services. */
    public static String header(String name, String description) {
        return """
                x-homelabarr:
                  name: %s
                  description: %s
                  category: myapps
                  icon: test
                  website: https://example.com
                """.formatted(name, description);
    }

    /**
     * One service {@code app} of {@code image} that sleeps, with {@code serviceLines} (YAML at the service's
     * indentation, e.g. {@code "privileged: true"}) added to it.
     */
    public static String idle(String name, String image, String... serviceLines) {
        StringBuilder extra = new StringBuilder();
        for (String line : serviceLines) {
            extra.append("    ").append(line).append('\n');
        }
        return header(name, "Sleeps") + """
                services:
                  app:
                    image: %s
                    command: ["/bin/sleep", "3600"]
                    init: true
                %s    labels:
                      homelabarr.test: "true"
                """.formatted(image, extra) + LABELLED_DATA_AND_NETWORK;
    }

    /** An app whose image is not in the local registry: its pull fails. */
    public static String missingImage() {
        return idle("Missing", "127.0.0.1:5000/test/busybox:no-such-tag-" + System.nanoTime());
    }
}
