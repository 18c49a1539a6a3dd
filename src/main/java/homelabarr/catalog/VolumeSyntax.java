package homelabarr.catalog;

import homelabarr.catalog.ComposeModel.MountType;
import homelabarr.catalog.ComposeModel.VolumeMount;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compose volume entries: {@code "/host:/ctr:ro"}, {@code "named:/ctr"}, {@code "/ctr"}, and the long form. */
final class VolumeSyntax {
    private VolumeSyntax() {
    }

    static VolumeMount parse(Object entry, String where) throws TemplateException {
        if (entry instanceof Map<?, ?> map) {
            return longForm(map, where);
        }
        String text = ComposeValues.text(entry, where).strip();
        String[] parts = text.split(":", -1);
        if (parts.length == 1) {
            return new VolumeMount(MountType.VOLUME, null, target(parts[0], where), false);
        }
        if (parts.length > 3) {
            throw new TemplateException(where + ": '" + text + "' is not SOURCE:TARGET[:MODE]");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            for (String option : parts[2].split(",")) {
                switch (option) {
                    case "ro" -> readOnly = true;
                    case "rw", "z", "Z", "cached", "delegated", "consistent", "rshared", "shared", "slave", "rslave",
                         "private", "rprivate", "nocopy" -> { }
                    default -> throw new TemplateException(where + ": unknown volume option '" + option + "'");
                }
            }
        }
        return mount(parts[0], target(parts[1], where), readOnly, where);
    }

    private static VolumeMount mount(String source, String target, boolean readOnly, String where) throws TemplateException {
        if (source.isBlank()) {
            throw new TemplateException(where + ": the source is empty (is a path setting unset?)");
        }
        if (source.startsWith(".") || source.startsWith("~")) {
            throw new TemplateException(where + ": '" + source + "' is relative; use an absolute path such as ${APPFOLDER}/app/data");
        }
        if (isPath(source)) {
            return new VolumeMount(MountType.BIND, source, target, readOnly);
        }
        if (!source.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new TemplateException(where + ": '" + source + "' is neither an absolute path nor a volume name");
        }
        return new VolumeMount(MountType.VOLUME, source, target, readOnly);
    }

    private static VolumeMount longForm(Map<?, ?> map, String where) throws TemplateException {
        for (Object key : map.keySet()) {
            if (!List.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency").contains(key)) {
                throw new TemplateException(where + ": unsupported volume field '" + key + "'");
            }
        }
        String type = ComposeValues.text(map.get("type"), where + ".type");
        String target = target(ComposeValues.text(map.get("target"), where + ".target"), where + ".target");
        boolean readOnly = ComposeValues.bool(map.get("read_only"), where + ".read_only");
        String source = ComposeValues.text(map.get("source"), where + ".source");
        return switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
            case "bind" -> {
                if (source == null || !isPath(source)) {
                    throw new TemplateException(where + ".source: a bind mount needs an absolute host path");
                }
                yield new VolumeMount(MountType.BIND, source, target, readOnly);
            }
            case "volume" -> source == null
                    ? new VolumeMount(MountType.VOLUME, null, target, readOnly)
                    : mount(source, target, readOnly, where);
            case "tmpfs" -> new VolumeMount(MountType.TMPFS, null, target, false);
            default -> throw new TemplateException(where + ".type: must be bind, volume or tmpfs");
        };
    }

    private static boolean isPath(String source) {
        return source.startsWith("/");
    }

    private static String target(String target, String where) throws TemplateException {
        if (target == null || !target.startsWith("/")) {
            throw new TemplateException(where + ": the container path must be absolute, got '" + target + "'");
        }
        return target;
    }
}
