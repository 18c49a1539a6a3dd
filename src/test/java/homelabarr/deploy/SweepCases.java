package homelabarr.deploy;

import homelabarr.catalog.AppTemplate;
import homelabarr.deploy.CatalogSweep.Case;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Which deployments a sweep makes: every app (full) or a fixed sample plus the templates changed lately (quick). */
final class SweepCases {
    /** Multi-service, healthchecks, a one-off job, host network, a setting-driven port, GPU, device, HTTPS web UI. */
    static final List<String> SAMPLE = List.of("media-servers-jellyfin", "productivity-miniflux", "self-hosted-nextcloud",
            "monitoring-node-exporter", "networking-traefik", "downloads-qbittorrent", "virtual-desktops-firefox",
            "networking-headscale", "ai-comfyui", "home-automation-zwave-js-ui", "security-authelia");
    static final List<String> TRAEFIK_SAMPLE = List.of("media-servers-jellyfin", "virtual-desktops-firefox",
            "security-authelia", "productivity-memos");
    static final List<String> AUTHELIA_SAMPLE = List.of("media-servers-jellyfin", "downloads-qbittorrent");
    static final List<String> FULL_TRAEFIK = List.of("media-servers-jellyfin", "virtual-desktops-firefox",
            "security-authelia", "productivity-memos", "system-portainer", "self-hosted-unifi-controller",
            "self-hosted-nextcloud", "monitoring-grafana", "self-hosted-homeassistant", "downloads-qbittorrent",
            "networking-traefik", "photos-immich");
    static final List<String> FULL_AUTHELIA = List.of("media-servers-jellyfin", "downloads-qbittorrent",
            "productivity-memos", "virtual-desktops-firefox", "monitoring-grafana", "system-portainer",
            "self-hosted-homeassistant", "media-management-sonarr");

    private SweepCases() {
    }

    static List<Case> all(List<AppTemplate> catalog) {
        List<Case> cases = new ArrayList<>();
        catalog.forEach(app -> cases.add(new Case(app, "standard")));
        add(cases, catalog, FULL_TRAEFIK, "traefik");
        add(cases, catalog, FULL_AUTHELIA, "authelia");
        return cases;
    }

    /** The sample, plus up to {@code changedLimit} templates changed since the last release (see {@link #changed}). */
    static List<Case> quick(List<AppTemplate> catalog, int changedLimit) {
        Set<String> standard = new LinkedHashSet<>(SAMPLE);
        List<String> changed = new ArrayList<>(changed());
        changed.removeAll(standard);
        if (changed.size() > changedLimit) {
            System.out.println("Catalog sweep (quick): " + changed.size() + " templates changed since the last release; "
                    + "sweeping " + changedLimit + " of them, the full sweep covers all: " + changed.subList(changedLimit, changed.size()));
        }
        standard.addAll(changed.subList(0, Math.min(changedLimit, changed.size())));
        List<Case> cases = new ArrayList<>();
        add(cases, catalog, List.copyOf(standard), "standard");
        add(cases, catalog, TRAEFIK_SAMPLE, "traefik");
        add(cases, catalog, AUTHELIA_SAMPLE, "authelia");
        return cases;
    }

    private static void add(List<Case> cases, List<AppTemplate> catalog, List<String> ids, String mode) {
        Map<String, AppTemplate> byId = catalog.stream().collect(Collectors.toMap(AppTemplate::id, Function.identity()));
        for (String id : ids) {
            AppTemplate app = byId.get(id);
            if (app == null) {
                throw new IllegalStateException("the sweep names " + id + ", which the catalog does not have");
            }
            cases.add(new Case(app, mode));
        }
    }

    /**
     * Ids of templates added or changed since the last release: the newest tag {@code v*}, else (no release yet)
     * the fork point from the main branch; uncommitted and new files count. Empty without git.
     */
    static Set<String> changed() {
        String base = git("describe", "--tags", "--abbrev=0", "--match", "v*");
        if (base == null) {
            base = git("merge-base", "HEAD", "main");
        }
        Set<String> ids = new TreeSet<>();
        if (base == null) {
            return ids;
        }
        String diff = git("diff", "--name-only", "--diff-filter=AMR", base, "--", "catalog");
        String untracked = git("ls-files", "--others", "--exclude-standard", "catalog");
        for (String line : ((diff == null ? "" : diff) + "\n" + (untracked == null ? "" : untracked)).split("\n")) {
            String[] parts = line.strip().split("/");
            if (parts.length == 3 && parts[0].equals("catalog") && parts[2].endsWith(".yml")) {
                ids.add(parts[1] + "-" + parts[2].substring(0, parts[2].length() - 4));
            }
        }
        return ids;
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.getErrorStream().readAllBytes();
            return p.waitFor() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
