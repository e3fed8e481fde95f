package dev.proximity.datasource;

/** PostgreSQL's {@code pg_lsn} text form ({@code 16/B374D848}) as a comparable byte position in the WAL. */
final class WalPosition {

    private WalPosition() {
    }

    /** The position, or -1 for SQL NULL (e.g. a replica that has not replayed anything yet). */
    static long parse(String lsn) {
        if (lsn == null) {
            return -1;
        }
        int slash = lsn.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a pg_lsn: " + lsn);
        }
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
