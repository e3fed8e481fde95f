package dev.proximity.business;

import dev.proximity.geo.LatLng;

/**
 * Published after a business write commits, so other features (search caches, indexes) can follow it without
 * {@code business} knowing them. {@code before} is null for a creation, {@code after} for a deletion.
 */
public record BusinessChanged(long businessId, Type type, LatLng before, LatLng after) {

    public enum Type {
        CREATED, UPDATED, DELETED
    }
}
