package dev.proximity.business;

/** The answer to a create: the business, and whether it is a replay of an earlier request with the same key. */
record CreatedBusiness(BusinessResponse business, boolean replayed) {
}
