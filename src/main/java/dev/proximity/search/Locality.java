package dev.proximity.search;

/** A city and country pair, dictionary-encoded because many businesses share one. */
record Locality(String city, String country) {
}
