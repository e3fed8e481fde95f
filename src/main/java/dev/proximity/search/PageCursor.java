package dev.proximity.search;

/** Where the previous page ended: the (distance, id) of its last business; the next page starts after it. */
record PageCursor(double distanceMeters, long id) {
}
