package homelabarr.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps free text out of scripts. A setting spliced into {@code sh -c SCRIPT} is parsed by the shell, so a value
 * such as {@code 15d $(id)} would run a command; only settings whose type admits no shell syntax may appear there.
 * Scripts that need other values read them from the environment ({@code $$NAME}), which the shell never re-parses.
 */
final class ShellScripts {
    /** Types whose checked values hold only letters, digits and {@code . - / _ + :}, which a shell reads literally. */
    static final Set<SettingType> SAFE = EnumSet.of(SettingType.NUMBER, SettingType.BOOLEAN, SettingType.PORT,
            SettingType.TIMEZONE, SettingType.DURATION, SettingType.HOSTNAME);
    /** Programs that run their argument after one of these flags as code. */
    private static final Map<String, Set<String>> INTERPRETERS = Map.ofEntries(
            Map.entry("sh", Set.of("c")), Map.entry("bash", Set.of("c")), Map.entry("ash", Set.of("c")),
            Map.entry("dash", Set.of("c")), Map.entry("zsh", Set.of("c")), Map.entry("ksh", Set.of("c")),
            Map.entry("su", Set.of("c")), Map.entry("runuser", Set.of("c")), Map.entry("python", Set.of("c")),
            Map.entry("python3", Set.of("c")), Map.entry("perl", Set.of("e", "E")), Map.entry("node", Set.of("e", "p")),
            Map.entry("ruby", Set.of("e")), Map.entry("php", Set.of("r")));

    private ShellScripts() {
    }

    /** Refuses a service whose scripts reference a setting of an unsafe type. */
    static void check(String service, Map<?, ?> definition, Map<String, SettingType> types) throws TemplateException {
        String where = "services." + service;
        List<String> argv = new ArrayList<>();
        argv.addAll(words(definition.get("entrypoint"), where + ".entrypoint"));
        argv.addAll(words(definition.get("command"), where + ".command"));
        for (String script : scripts(argv)) {
            for (String name : Variables.references(script)) {
                SettingType type = types.get(name);
                if (type != null && !SAFE.contains(type)) {
                    throw new TemplateException(where + ": ${" + name + "} (type " + type.wireName()
                            + ") is spliced into a script the container runs, where its value could run commands; "
                            + "pass it as an environment variable and read it as $$" + name
                            + ", or give the setting a checked type (number, port, duration, hostname, ...)");
                }
            }
        }
    }

    /** The arguments that an interpreter runs as code: the word after {@code -c} (or {@code -ec}, {@code -lc}...). */
    static List<String> scripts(List<String> argv) {
        List<String> scripts = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            Set<String> flags = INTERPRETERS.get(program(argv.get(i)));
            if (flags == null) {
                continue;
            }
            // options may follow other arguments (su USER -c SCRIPT)
            for (int j = i + 1; j < argv.size(); j++) {
                if (!argv.get(j).startsWith("-")) {
                    continue;
                }
                String options = argv.get(j).replaceFirst("^-+", "");
                boolean runsCode = options.chars().anyMatch(c -> flags.contains(String.valueOf((char) c)));
                if (runsCode && j + 1 < argv.size()) {
                    scripts.add(argv.get(j + 1));
                    break;
                }
            }
        }
        return scripts;
    }

    private static String program(String word) {
        String name = word.substring(word.lastIndexOf('/') + 1);
        return name.replaceFirst("^(python3)\\.\\d+$", "$1");
    }

    private static List<String> words(Object node, String where) throws TemplateException {
        List<String> words = ComposeValues.strings(node, where, true);
        return words == null ? List.of() : words;
    }
}
