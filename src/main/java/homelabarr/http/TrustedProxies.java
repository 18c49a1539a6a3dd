package homelabarr.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reverse proxies whose {@code X-Forwarded-For} header is believed (TRUSTED_PROXIES: addresses or CIDR ranges).
 * Nobody else's is: the header is trivially forged, and throttling or auditing by it would be worthless.
 */
public record TrustedProxies(List<Range> ranges) {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** An address range: {@code bits} leading bits of {@code network}. */
    public record Range(byte[] network, int bits) {
        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((candidate[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Parses {@code 172.18.0.0/16, 127.0.0.1, fd00::/8}; a message says what is wrong. */
    public static TrustedProxies parse(String csv) {
        List<Range> ranges = new ArrayList<>();
        for (String part : csv.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] pieces = entry.split("/", 2);
            InetAddress address = literal(pieces[0])
                    .orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range"));
            int max = address.getAddress().length * 8;
            int bits = max;
            if (pieces.length == 2) {
                try {
                    bits = Integer.parseInt(pieces[1]);
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length");
                }
            }
            ranges.add(new Range(address.getAddress(), bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean contains(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    private static final Pattern LITERAL_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** An IP literal, never a host name: parsing must not trigger a DNS lookup. */
    static java.util.Optional<InetAddress> literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty() || !LITERAL_CHARS.matcher(t).matches() || (!t.contains(":") && !IPV4.matcher(t).matches())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
