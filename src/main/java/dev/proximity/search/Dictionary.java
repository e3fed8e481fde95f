package dev.proximity.search;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Dictionary encoding of repeated values (categories, city/country pairs, opening schedules): each distinct key
 * is stored once and rows keep its {@code int} code. Codes are added by the writers of {@link SearchState}
 * (additions are serialised); readers decode without a lock, which is safe because a code only reaches a reader
 * through a row published (by a volatile write) after the code's value was stored.
 */
final class Dictionary<K, V> {

    private final Map<K, Integer> codes = new ConcurrentHashMap<>();
    private final Function<K, V> valueOf;
    private volatile Object[] values = new Object[16];
    private int size;

    /** {@code valueOf} turns a key into the value kept for it (called once per distinct key). */
    Dictionary(Function<K, V> valueOf) {
        this.valueOf = valueOf;
    }

    static <T> Dictionary<T, T> identity() {
        return new Dictionary<>(Function.identity());
    }

    /** Returns the code of {@code key}, adding it if new. */
    int encode(K key) {
        Integer code = codes.get(key);
        return code != null ? code : add(key);
    }

    private synchronized int add(K key) {
        Integer code = codes.get(key);
        if (code != null) {
            return code;
        }
        Object[] current = values;
        if (size == current.length) {
            current = Arrays.copyOf(current, size * 2);
        }
        current[size] = valueOf.apply(key);
        values = current;
        codes.put(key, size);
        return size++;
    }

    /** The code of {@code key}, or -1 if it was never encoded. */
    int codeOf(K key) {
        Integer code = codes.get(key);
        return code == null ? -1 : code;
    }

    @SuppressWarnings("unchecked")
    V decode(int code) {
        return (V) values[code];
    }

    /** The number of codes handed out so far (readers may see a slightly older count). */
    int size() {
        return codes.size();
    }
}
