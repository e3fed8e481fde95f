/**
 * Our own geohash: base32 strings and 60-bit long keys ({@link dev.proximity.geo.geohash.Geohash}), coverings of
 * a search circle at a precision chosen from the radius and the latitude
 * ({@link dev.proximity.geo.geohash.GeohashCovering}), and an in-memory index that range-scans a sorted key array
 * per covering cell ({@link dev.proximity.geo.geohash.GeohashIndex}). Checked against {@code ch.hsr:geohash} in
 * tests only.
 */
package dev.proximity.geo.geohash;
