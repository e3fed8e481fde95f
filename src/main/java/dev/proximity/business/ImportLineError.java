package dev.proximity.business;

/** Why one line of an import was refused; line 1 is the CSV header (or the first NDJSON line). */
record ImportLineError(long line, String message) {
}
