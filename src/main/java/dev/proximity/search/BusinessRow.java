package dev.proximity.search;

/**
 * What search keeps of one business: its position (with the S2 leaf cell it lies in), the dictionary codes the
 * filters read ({@code scheduleCode} is -1 for a business without hours or time zone, never open), the response
 * text, and the name's keyword form ({@link Keywords#nameKeys}, made once when the row is read).
 */
record BusinessRow(long id, double latitude, double longitude, long s2Cell, int categoryCode, int localityCode,
        int scheduleCode, String name, String address, byte[] nameKeys) {

    BusinessRow(long id, double latitude, double longitude, long s2Cell, int categoryCode, int localityCode,
            int scheduleCode, String name, String address) {
        this(id, latitude, longitude, s2Cell, categoryCode, localityCode, scheduleCode, name, address,
                Keywords.nameKeys(name));
    }
}
