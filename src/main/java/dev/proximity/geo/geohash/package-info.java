/**
 * Our own geohash: base32 strings and 60-bit long keys ({@link dev.proximity.geo.geohash.Geohash}), coverings of
 * a search circle at a precision chosen from the radius and the latitude
 * ({@link dev.proximity.geo.geohash.GeohashCovering}). Checked against {@code ch.hsr:geohash} in tests, where
 * an in-memory index over sorted keys ({@code GeohashIndex}, test scope) also checks and benchmarks the covering.
 */
package dev.proximity.geo.geohash;
