package homelabarr.containers;

import homelabarr.docker.SecretText;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Hides one container's secret values in its log lines. Longest first, so a value that holds a shorter one (a DSN
 * holding the password) is hidden whole. Values under four characters are left: masking "1" or "on" everywhere
 * would wreck the log and protect nothing. URL passwords are masked in every line as well.
 */
final class SecretMask {
    static final int MIN_LENGTH = 4;
    private final List<String> values;

    SecretMask(Collection<String> values) {
        this.values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String apply(String line) {
        String masked = line;
        for (String value : values) {
            masked = masked.replace(value, SecretText.MASK);
        }
        return SecretText.maskUrlPasswords(masked);
    }

    LogEntry apply(LogEntry entry) {
        return new LogEntry(entry.stream(), apply(entry.line()), entry.timestamp(), entry.truncated());
    }
}
