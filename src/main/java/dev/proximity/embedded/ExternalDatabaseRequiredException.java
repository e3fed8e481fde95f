package dev.proximity.embedded;

/** The jar carries no embedded servers (the production build) and no database is configured. */
class ExternalDatabaseRequiredException extends RuntimeException {

    ExternalDatabaseRequiredException() {
        super("This build of Proximity has no embedded PostgreSQL and Redis (it is the production jar), "
                + "and no database is configured (spring.datasource.url).");
    }
}
