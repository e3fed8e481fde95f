/**
 * A thin adapter over Google's {@code com.google.geometry:s2-geometry} 2.0.0: leaf cell ids of points, coverings
 * of a search cap as signed-bigint leaf-id ranges ({@link dev.proximity.geo.s2.S2Covering}, computed per cube face
 * in closed form because the library's region coverer is too slow per query). Tests check and benchmark the
 * covering with an in-memory index over sorted leaf ids ({@code S2Index}, test scope).
 */
package dev.proximity.geo.s2;
