package dev.proximity.search;

/**
 * What search keeps of one business: its position (with the S2 leaf cell it lies in), the dictionary codes the
 * filters read ({@code scheduleCode} is -1 for a business without hours or time zone, never open), and the
 * response text.
 */
record BusinessRow(long id, double latitude, double longitude, long s2Cell, int categoryCode, int localityCode,
        int scheduleCode, String name, String address) {
}
