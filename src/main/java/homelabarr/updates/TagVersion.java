package homelabarr.updates;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version-like tag: an optional {@code v}, one to three numbers, and an optional variant ({@code 1.2.3-alpine},
 * {@code v2.10}, {@code 17-bookworm}). Newer tags are only those of the same shape: the same prefix, the same count of
 * numbers and the same variant, so {@code 1.2.3-alpine} is followed by {@code 1.2.4-alpine}, never by {@code 1.3.0}
 * or {@code 1.2.4-rc1}.
 */
record TagVersion(String prefix, int[] numbers, String variant) implements Comparable<TagVersion> {
    private static final Pattern TAG = Pattern.compile("(v?)(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?([-_+][A-Za-z0-9._-]{1,64})?");
    private static final int MAX_LISTED = 10;

    static Optional<TagVersion> parse(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        int count = m.group(4) != null ? 3 : m.group(3) != null ? 2 : 1;
        int[] numbers = new int[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = Integer.parseInt(m.group(i + 2));
        }
        return Optional.of(new TagVersion(m.group(1), numbers, m.group(5) == null ? "" : m.group(5)));
    }

    boolean sameShape(TagVersion other) {
        return prefix.equals(other.prefix) && numbers.length == other.numbers.length && variant.equals(other.variant);
    }

    @Override
    public int compareTo(TagVersion other) {
        return Arrays.compare(numbers, other.numbers);
    }

    /** The tags newer than {@code current} of the same shape, newest first, at most ten. */
    static List<String> newer(String current, List<String> tags) {
        Optional<TagVersion> base = parse(current);
        if (base.isEmpty()) {
            return List.of();
        }
        record Tagged(String tag, TagVersion version) {
        }
        return tags.stream()
                .flatMap(t -> parse(t).map(v -> new Tagged(t, v)).stream())
                .filter(t -> t.version().sameShape(base.get()) && t.version().compareTo(base.get()) > 0)
                .sorted(Comparator.comparing(Tagged::version).reversed())
                .limit(MAX_LISTED)
                .map(Tagged::tag)
                .toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagVersion t && prefix.equals(t.prefix) && Arrays.equals(numbers, t.numbers) && variant.equals(t.variant);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode() * 31 + Arrays.hashCode(numbers) * 17 + variant.hashCode();
    }

    @Override
    public String toString() {
        return prefix + String.join(".", Arrays.stream(numbers).mapToObj(Integer::toString).toList()) + variant;
    }
}
