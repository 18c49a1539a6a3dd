package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.ComposeFile;
import homelabarr.catalog.ComposeModel.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One catalog app: its id ({@code <category>-<name>}), the {@code x-homelabarr} information, the compose tree
 * as written (variables not yet filled in), and that tree parsed with default settings.
 */
public record AppTemplate(String id, boolean custom, AppInfo info, Map<String, Object> compose, ComposeFile defaults) {

    /** The service users think of as "the app": the one serving the web UI, else the first one. */
    public Service mainService() {
        if (info.webUi() != null) {
            return defaults.services().get(info.webUi().service());
        }
        return defaults.services().values().iterator().next();
    }

    public String category() {
        return info.category();
    }

    /** The id without its category: {@code plex} for {@code media-servers-plex}; the file's name. */
    public String slug() {
        return id.substring(info.category().length() + 1);
    }

    /** Standard settings first, then the template's own. */
    public List<Setting> allSettings() {
        List<Setting> all = new ArrayList<>(StandardSettings.ALL);
        all.addAll(info.settings());
        return all;
    }

    /** The host port the web UI is published on with default settings, or null. */
    public Integer defaultWebPort() {
        if (info.webUi() == null) {
            return null;
        }
        Service web = defaults.services().get(info.webUi().service());
        return web.ports().stream()
                .filter(p -> p.containerPort() == info.webUi().port() && p.hostPort() != null)
                .map(ComposeModel.PortMapping::hostPort)
                .findFirst().orElse(web.networkMode() != null && web.networkMode().equals("host") ? info.webUi().port() : null);
    }
}
