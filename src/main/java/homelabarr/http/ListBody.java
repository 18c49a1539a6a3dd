package homelabarr.http;

import java.util.List;

/** The envelope every list answer uses, as the contract's catalog sample shows: success, data, total. */
public record ListBody(boolean success, List<?> data, int total) {
    public static ListBody of(List<?> items) {
        return new ListBody(true, items, items.size());
    }
}
