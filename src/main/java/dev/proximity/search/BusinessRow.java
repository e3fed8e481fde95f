package dev.proximity.search;

/**
 * What search keeps of one business: its position, the dictionary codes the filters read
 * ({@code scheduleCode} is -1 for a business without hours or time zone, never open), and the response text.
 */
record BusinessRow(long id, double latitude, double longitude, int categoryCode, int localityCode,
        int scheduleCode, String name, String address) {
}
