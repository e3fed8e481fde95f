package dev.proximity.search;

/**
 * What the cell cache keeps of a business in Redis ({@code px:v1:biz:<id>}, JSON) and reads from the database:
 * the searchable fields plus {@code version}, which cell entries carry so a business object of another version
 * is never combined with them. {@code hours} is the JSON text of the opening hours.
 */
record BusinessDocument(long id, long version, String name, String category, double latitude, double longitude,
        String address, String city, String country, String timeZone, String hours) {
}
