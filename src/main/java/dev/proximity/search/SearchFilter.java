package dev.proximity.search;

import java.time.Instant;
import java.util.Arrays;

/**
 * The filters of one query, applied to each business a search finds: category codes, open at an instant, and
 * keywords ({@link Keywords.Query}, read from the business's name keys in the query's {@link Snapshot}). Each
 * filter's answer per category or schedule code is computed once per query and cached, so a query that offers
 * thousands of businesses decodes each code once. Not thread-safe (one per query).
 */
final class SearchFilter {

    /** A signature with every bit set: nothing is ruled out by it (the caller does not have one at hand). */
    static final long UNKNOWN_SIGNATURE = -1L;

    /** No filter at all. */
    static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, null);

    private final int[] categoryCodes;
    private final Dictionary<String, OpeningSchedule> schedules;
    private final Instant openAt;
    private final Keywords.Query keywords;
    private final Dictionary<String, String> categories;
    private final Snapshot snapshot;
    private byte[] openCache = new byte[0];
    private long[] categoryMasks = new long[0]; // per category code: bit t set = token t matched; bit 63: computed
    private long[] requiredByCategory = new long[0]; // per category code: signature bits of the unmatched tokens
    private final long requiredWithoutCategory;
    private final long allTokens;
    /**
     * Whether the keywords have more tokens than a mask has bits ({@code q} may have up to 100): then each
     * category code gets the query of the tokens it does not match instead of a mask. Before, token 64 was
     * taken as matched when token 0 matched the category ({@code 1L << 64 == 1L}) and token 63 could never
     * match through the category (its bit is the "computed" flag).
     */
    private final boolean manyTokens;
    /** Per keyword token, the bit its word needs in a name's signature ({@link Keywords#signatureBit}). */
    private final long[] tokenBits;
    private Keywords.Query[] remainingByCategory = new Keywords.Query[0];

    /**
     * @param categoryCodes sorted codes to keep, or null for every category
     * @param openAt keep only businesses open at this instant, or null for no such filter
     * @param keywords keep only businesses matching every token, or null
     * @param snapshot the snapshot the query reads (for the names keyword filters read); null without keywords
     */
    SearchFilter(int[] categoryCodes, Dictionary<String, OpeningSchedule> schedules, Instant openAt,
            Keywords.Query keywords, Dictionary<String, String> categories, Snapshot snapshot) {
        this.categoryCodes = categoryCodes;
        this.schedules = schedules;
        this.openAt = openAt;
        this.keywords = keywords == null || keywords.isEmpty() ? null : keywords;
        this.categories = categories;
        this.snapshot = snapshot;
        int tokens = this.keywords == null ? 0 : this.keywords.tokens().size();
        this.allTokens = tokens >= 63 ? 0x7FFF_FFFF_FFFF_FFFFL : (1L << tokens) - 1;
        this.manyTokens = tokens > Keywords.Query.MASK_TOKENS;
        this.tokenBits = new long[tokens];
        for (int t = 0; t < tokens; t++) {
            tokenBits[t] = Keywords.signatureBit(this.keywords.patterns()[t]);
        }
        this.requiredWithoutCategory = requiredBits(0);
    }

    /** Whether any filter is set; if not, {@link #accepts} is always true and need not be called. */
    boolean filters() {
        return categoryCodes != null || openAt != null || keywords != null;
    }

    /**
     * Whether the business passes every filter. {@code handle} is its handle in the query's snapshot, or
     * {@link Long#MIN_VALUE} when the caller has only the id; {@code signature} its name's keyword signature, or
     * {@link #UNKNOWN_SIGNATURE}.
     */
    boolean accepts(long id, long handle, int categoryCode, int scheduleCode, long signature) {
        if (categoryCodes != null && Arrays.binarySearch(categoryCodes, categoryCode) < 0) {
            return false;
        }
        if (openAt != null && !isOpen(scheduleCode)) {
            return false;
        }
        return keywords == null || matchesKeywords(id, handle, categoryCode, signature);
    }

    /** {@code signature}: the name's keyword signature, or {@link #UNKNOWN_SIGNATURE} to read it from the table. */
    private boolean matchesKeywords(long id, long handle, int categoryCode, long signature) {
        Keywords.Query query = keywords;
        long satisfied;
        long required = 0;
        if (manyTokens) {
            query = remaining(categoryCode);
            satisfied = 0;
            if (query.isEmpty()) {
                return true;
            }
        } else {
            satisfied = categoryMask(categoryCode);
            if (satisfied == allTokens) {
                return true;
            }
            required = categoryCode < 0 ? requiredWithoutCategory : requiredByCategory[categoryCode];
            if ((signature & required) != required) {
                return false; // decided from the caller's copy of the signature, without a read
            }
        }
        long at = handle != Long.MIN_VALUE ? handle : snapshot.handleOf(id);
        if (at == Long.MIN_VALUE) {
            return false;
        }
        if (at >= 0) {
            // the signature first: one read that rules out most names missing a word, before the name itself
            return (manyTokens || signature != UNKNOWN_SIGNATURE || snapshot.table.mayMatch((int) at, required))
                    && snapshot.table.nameMatches((int) at, query, satisfied);
        }
        byte[] nameKeys = snapshot.overlay.entry((int) -at).nameKeys();
        return query.matchesName(satisfied, nameKeys, 0, nameKeys.length);
    }

    /** The signature bits of the tokens the category has not {@code satisfied} (computed once per category). */
    private long requiredBits(long satisfied) {
        long required = 0;
        for (int t = 0; t < tokenBits.length; t++) {
            if ((satisfied & (1L << t)) == 0) {
                required |= tokenBits[t];
            }
        }
        return required;
    }

    /** The keywords' tokens the category code does not match (all of them for no code). */
    private Keywords.Query remaining(int categoryCode) {
        if (categoryCode < 0) {
            return keywords;
        }
        if (categoryCode >= remainingByCategory.length) {
            remainingByCategory = Arrays.copyOf(remainingByCategory, Math.max(categoryCode + 1, categories.size()));
        }
        Keywords.Query remaining = remainingByCategory[categoryCode];
        if (remaining == null) {
            remaining = keywords.withoutCategoryMatches(categories.decode(categoryCode));
            remainingByCategory[categoryCode] = remaining;
        }
        return remaining;
    }

    private long categoryMask(int categoryCode) {
        if (categoryCode < 0) {
            return 0;
        }
        if (categoryCode >= categoryMasks.length) {
            int length = Math.max(categoryCode + 1, categories.size());
            categoryMasks = Arrays.copyOf(categoryMasks, length);
            requiredByCategory = Arrays.copyOf(requiredByCategory, length);
        }
        long mask = categoryMasks[categoryCode];
        if (mask == 0) {
            String code = categories.decode(categoryCode);
            mask = (code == null ? 0 : keywords.categoryMask(code)) | Long.MIN_VALUE;
            categoryMasks[categoryCode] = mask;
            requiredByCategory[categoryCode] = requiredBits(mask & Long.MAX_VALUE);
        }
        return mask & Long.MAX_VALUE;
    }

    private boolean isOpen(int scheduleCode) {
        if (scheduleCode < 0) {
            return false;
        }
        if (scheduleCode >= openCache.length) {
            openCache = Arrays.copyOf(openCache, Math.max(scheduleCode + 1, schedules.size()));
        }
        byte cached = openCache[scheduleCode];
        if (cached == 0) {
            OpeningSchedule schedule = schedules.decode(scheduleCode);
            cached = schedule != null && schedule.isOpenAt(openAt) ? (byte) 1 : (byte) 2;
            openCache[scheduleCode] = cached;
        }
        return cached == 1;
    }
}
