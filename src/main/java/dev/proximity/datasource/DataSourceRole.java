package dev.proximity.datasource;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Which kind of server a connection comes from. */
public enum DataSourceRole {
    PRIMARY, REPLICA;

    /**
     * A replica for the outermost transaction when it is read-only and the caller need not read its own
     * writes; the primary for everything else (writes, no transaction, recent writers, and a read retried
     * because its replica connection broke).
     */
    static DataSourceRole forCurrentTransaction() {
        boolean readOnly = TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly();
        return readOnly && !ReadYourWrites.primaryRequired() && !ReplicaReads.primaryRequired() ? REPLICA : PRIMARY;
    }
}
