package homelabarr.swarm;

import homelabarr.testing.TestTemplates;

/** The templates of the swarm tests: every service and network carries the test label. */
public final class SwarmTemplates {
    static final String NETWORK = """
            networks:
              default:
                labels:
                  homelabarr.test: "true"
            """;

    /**
     * Three replicas of a web server on WEBUI_PORT, published in host mode; DOCROOT set to a missing folder makes
     * httpd exit at once (a failing update). Swarm checks an update for 4 s per task.
     */
    static final String WEB3 = TestTemplates.header("Swarm web", "Three web servers") + """
              webUi:
                service: web
                port: 8080
              settings:
                - key: WEBUI_PORT
                  label: Web port
                  type: port
                  required: true
                - key: DOCROOT
                  label: Document root
                  type: string
                  default: /www
            services:
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/httpd", "-f", "-p", "8080", "-h", "${DOCROOT}"]
                init: true
                stop_grace_period: 2s
                ports:
                  - "${WEBUI_PORT}:8080"
                labels:
                  homelabarr.test: "true"
                deploy:
                  replicas: 3
                  update_config:
                    parallelism: 1
                    monitor: 4s
                    failure_action: rollback
                  restart_policy:
                    condition: any
                    delay: 1s
            """ + NETWORK;

    /** Three sleepers without ports: free to move anywhere when a node is drained. */
    static final String IDLE3 = sleepers("Swarm idle", "homelabarr-test/busybox:1", 3);

    /** {@code replicas} tasks of {@code image} that sleep, without ports. */
    public static String sleepers(String name, String image, int replicas) {
        return TestTemplates.header(name, "Sleepers") + """
                services:
                  app:
                    image: %s
                    command: ["/bin/sleep", "3600"]
                    init: true
                    stop_grace_period: 1s
                    labels:
                      homelabarr.test: "true"
                    deploy:
                      replicas: %d
                """.formatted(image, replicas) + NETWORK;
    }

    /** A bind mount, placed anywhere: refused in swarm mode. */
    static final String LOOSE_BIND = TestTemplates.header("Swarm bind", "Mounts a host folder anywhere") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
                volumes:
                  - /tmp:/data
                labels:
                  homelabarr.test: "true"
            """ + NETWORK;

    /** The host's root, read-only, pinned to node hlr-sw2: allowed in swarm mode, but for an admin only. */
    static final String PINNED_ROOT = TestTemplates.header("Swarm pinned", "Mounts / on one node") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
                init: true
                stop_grace_period: 1s
                volumes:
                  - /:/host:ro
                labels:
                  homelabarr.test: "true"
                deploy:
                  replicas: 2
                  placement:
                    constraints: ["node.hostname == hlr-sw2"]
            """ + NETWORK;

    /**
     * Two services on two nodes: probe (on hlr-sw3) fetches a page from web (on hlr-sw1) over the stack's overlay
     * network, then serves what it got on port 18083. By task address (tasks.web): a service's virtual IP needs the
     * kernel's IPVS, which this machine lacks.
     */
    static final String OVERLAY = TestTemplates.header("Swarm overlay", "Two services talking across nodes") + """
            services:
              web:
                image: homelabarr-test/busybox:1
                command: ["/bin/sh", "-c", "mkdir -p /tmp/s && echo reached-web > /tmp/s/index.html && exec httpd -f -p 8080 -h /tmp/s"]
                init: true
                stop_grace_period: 1s
                labels:
                  homelabarr.test: "true"
                deploy:
                  placement:
                    constraints: ["node.hostname == hlr-sw1"]
              probe:
                image: homelabarr-test/busybox:1
                command:
                  - /bin/sh
                  - -c
                  - >-
                    until wget -q -O /tmp/got http://tasks.web:8080/index.html; do sleep 1; done;
                    mkdir -p /tmp/p && cp /tmp/got /tmp/p/index.html && exec httpd -f -p 8080 -h /tmp/p
                init: true
                stop_grace_period: 1s
                ports:
                  - "18083:8080"
                labels:
                  homelabarr.test: "true"
                deploy:
                  placement:
                    constraints: ["node.hostname == hlr-sw3"]
            """ + NETWORK;

    /**
     * One sleeper with a generated secret API_KEY and a MESSAGE in its environment, placed on NODE (hlr-sw1; a
     * node that does not exist keeps an update's new task pending, so it can be cancelled).
     */
    static final String KEEP = TestTemplates.header("Swarm keep", "Keeps its secret") + """
              settings:
                - key: API_KEY
                  label: API key
                  type: secret
                  generate: true
                - key: MESSAGE
                  label: Message
                  type: string
                  default: one
                - key: NODE
                  label: Node
                  type: string
                  default: hlr-sw1
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
                init: true
                stop_grace_period: 1s
                environment:
                  API_KEY: "${API_KEY}"
                  MESSAGE: "${MESSAGE}"
                labels:
                  homelabarr.test: "true"
                deploy:
                  placement:
                    constraints: ["node.hostname == ${NODE}"]
            """ + NETWORK;

    /** Two tasks placed on a node that does not exist: a deployment that stays pending until it is stopped. */
    static final String PENDING = TestTemplates.header("Swarm pending", "Never placed") + """
            services:
              app:
                image: homelabarr-test/busybox:1
                command: ["/bin/sleep", "3600"]
                labels:
                  homelabarr.test: "true"
                deploy:
                  replicas: 2
                  placement:
                    constraints: ["node.hostname == hlr-nowhere"]
            """ + NETWORK;

    private SwarmTemplates() {
    }
}
