package homelabarr.policy;

import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeParser;
import homelabarr.host.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy policy on rendered compose, with real files and links on this machine: every way a non-admin could
 * reach host root is found, and ordinary apps pass.
 */
class PolicyCheckTest {
    @TempDir
    Path dir;

    private Assessment check(PolicySettings settings, String services) throws Exception {
        ComposeFile file = new ComposeParser().parse(new Yaml().load(services));
        Host host = new Host(Host.Mode.LOCAL, null, null, true, Path.of("/proc/net"), Clock.systemUTC());
        return new PolicyCheck(settings, p -> host.inspect(List.of(p)).get(p)).run(Workloads.of(file));
    }

    private Assessment check(String services) throws Exception {
        return check(new PolicySettings(List.of(dir.toString(), "/opt/appdata"), false, List.of(), List.of(), false), services);
    }

    private static String bind(String source) {
        return """
                services:
                  app:
                    image: busybox
                    volumes:
                      - "%s:/data"
                """.formatted(source);
    }

    private static List<String> rules(Assessment a) {
        return a.findings().stream().map(Finding::rule).toList();
    }

    @Test
    void anOrdinaryAppUnderTheDataRootsPasses() throws Exception {
        Assessment a = check("""
                services:
                  app:
                    image: busybox
                    user: "1000:1000"
                    environment: {PUID: "1000", PGID: "1000", TZ: Etc/UTC}
                    volumes:
                      - "%s/config:/config"
                      - /opt/appdata/app/data:/data
                      - /etc/localtime:/etc/localtime:ro
                      - cache:/cache
                    security_opt: [no-new-privileges:true]
                volumes:
                  cache: {}
                """.formatted(dir));
        assertThat(a.findings()).isEmpty();
        assertThat(a.adminOnly()).isFalse();
    }

    @Test
    void theDockerSocketIsFoundHoweverItIsWritten() throws Exception {
        for (String source : List.of("/var/run/docker.sock", "/run/docker.sock/", "/var/run/../run/docker.sock",
                "//var//run//docker.sock", "/run/containerd/containerd.sock")) {
            assertThat(rules(check(bind(source)))).as(source).containsExactly("docker-socket");
        }
    }

    @Test
    void aLinkPlantedInsideADataRootIsFollowed() throws Exception {
        Files.createSymbolicLink(dir.resolve("innocent"), Path.of("/var/run/docker.sock"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/etc/homelabarr-test-does-not-exist"));
        Files.createDirectories(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("a/up"), Path.of("../../../../../../.."));
        Files.createSymbolicLink(dir.resolve("loop1"), dir.resolve("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), dir.resolve("loop1"));

        Assessment socket = check(bind(dir.resolve("innocent").toString()));
        assertThat(rules(socket)).containsExactly("docker-socket");
        assertThat(socket.reasons().getFirst()).contains("a link to /run/docker.sock");
        assertThat(rules(check(bind(dir.resolve("dangling").toString())))).containsExactly("system-path");
        assertThat(rules(check(bind(dir.resolve("a/up/etc").toString())))).containsExactly("system-path");
        assertThat(rules(check(bind(dir.resolve("loop1/x").toString())))).containsExactly("unresolvable-path");
    }

    @Test
    void systemFoldersAndTheirParentsAreRefusedEvenInsideAllowedRoots() throws Exception {
        PolicySettings everything = new PolicySettings(List.of("/"), true, List.of(), List.of(), true);
        for (String source : List.of("/", "/etc", "/etc/shadow", "/proc", "/sys/kernel", "/dev", "/boot", "/root",
                "/var/lib/docker", "/var", "/run/udev", "/usr", "/opt/appdata/../../etc")) {
            assertThat(rules(check(everything, bind(source)))).as(source).containsExactly("system-path");
        }
        assertThat(rules(check(bind("/etc/localtime")))).as("writable").containsExactly("system-path");
    }

    @Test
    void pathsOutsideTheDataRootsAreRefused() throws Exception {
        assertThat(rules(check(bind("/home/someone")))).containsExactly("outside-data-roots");
        assertThat(rules(check(bind("/opt/appdata-other/x")))).containsExactly("outside-data-roots");
        assertThat(rules(check(bind("/opt/appdata/../secrets")))).containsExactly("outside-data-roots");
    }

    @Test
    void everyHostLevelPrivilegeIsFound() throws Exception {
        Assessment a = check("""
                services:
                  app:
                    image: busybox
                    privileged: true
                    pid: host
                    network_mode: host
                    cap_add: [SYS_ADMIN, cap_net_admin]
                    devices: [/dev/vda]
                    security_opt: ["seccomp=unconfined", "apparmor:unconfined", "label=disable"]
                    sysctls: {net.ipv4.ip_forward: "1"}
                    user: "0"
                    group_add: [root]
                    environment: {PUID: "0", USER_GID: "0"}
                """);
        assertThat(rules(a)).containsExactlyInAnyOrder("privileged", "host-pid", "host-network", "capabilities",
                "capabilities", "devices", "security-options", "security-options", "security-options", "sysctls",
                "root-user", "root-user", "root-user", "root-user");
        assertThat(a.reasons()).anyMatch(r -> r.contains("seccomp=unconfined") && r.contains("turns confinement off"));
    }

    @Test
    void anotherContainersNamespacesAndAnotherAppsVolumesAreRefused() throws Exception {
        Assessment a = check("""
                services:
                  app:
                    image: busybox
                    network_mode: "container:portainer"
                    pid: "container:portainer"
                    volumes:
                      - shared:/shared
                      - sneaky:/sneaky
                      - nas:/nas
                  sidecar:
                    image: busybox
                    network_mode: "service:app"
                volumes:
                  shared: {external: true}
                  sneaky:
                    driver_opts: {type: none, o: bind, device: /etc}
                  nas:
                    driver: local
                    driver_opts: {type: nfs, o: "addr=10.0.0.2,ro", device: ":/export"}
                """);
        assertThat(rules(a)).containsExactlyInAnyOrder("foreign-namespace", "host-pid", "shared-volume",
                "system-path");
    }

    @Test
    void whatTheAdminAllowsPasses() throws Exception {
        PolicySettings vpn = new PolicySettings(List.of("/opt/appdata"), true, List.of("NET_ADMIN"), List.of("/dev/net/tun"), true);
        Assessment a = check(vpn, """
                services:
                  vpn:
                    image: gluetun
                    network_mode: host
                    cap_add: [NET_ADMIN]
                    devices: ["/dev/net/tun:/dev/net/tun"]
                    sysctls: {net.ipv4.conf.all.src_valid_mark: "1"}
                """);
        assertThat(a.findings()).isEmpty();
    }
}
