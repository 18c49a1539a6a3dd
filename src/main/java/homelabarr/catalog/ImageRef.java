package homelabarr.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Docker image reference, parsed: {@code [registry/]repository[:tag][@digest]}. */
public record ImageRef(String registry, String repository, String tag, String digest) {
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:((?:[a-zA-Z0-9-]+\\.)*[a-zA-Z0-9-]+(?::\\d+)?|localhost(?::\\d+)?|\\[[0-9a-fA-F:]+](?::\\d+)?)/)?"
                    + "([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
                    + "(?:@(sha256:[a-f0-9]{64}))?");

    public static ImageRef parse(String text) throws TemplateException {
        if (text == null || text.length() > 512) {
            throw new TemplateException("image: missing or too long");
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            throw new TemplateException("image: '" + text + "' is not a valid image reference");
        }
        String registry = m.group(1);
        String repository = m.group(2);
        // "name/app" has no registry: only a first part with a dot, a port or "localhost" is a registry host
        if (registry != null && !registry.contains(".") && !registry.contains(":") && !registry.startsWith("localhost")
                && !registry.startsWith("[")) {
            repository = registry.toLowerCase() + "/" + repository;
            registry = null;
            if (!repository.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/.*)?")) {
                throw new TemplateException("image: '" + text + "' is not a valid image reference");
            }
        }
        String tag = m.group(3) == null && m.group(4) == null ? "latest" : m.group(3);
        return new ImageRef(registry, repository, tag, m.group(4));
    }

    /** The name to pull, without the tag. */
    public String name() {
        return registry == null ? repository : registry + "/" + repository;
    }

    /** The reference the engine understands, with an explicit tag. */
    public String canonical() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
