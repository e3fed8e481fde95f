package dev.proximity.datasource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an outermost {@code @Transactional(readOnly = true)} method once more, on the primary, when its replica
 * connection broke under it (the replica stopped, crashed or was cut off mid-read): the client gets its answer
 * instead of a 503 for a server it never chose. It sits outside the transaction interceptor, so the failed
 * transaction has been rolled back and the retry is a transaction of its own. Only read-only transactions that
 * a replica served are retried, and only for a lost connection ({@link ReplicaReads#connectionLost}); a query
 * error, a read that ran on the primary, and every write fail as they did. The replica leaves the rotation
 * until the next check finds it healthy, so the reads after this one do not meet it either.
 */
final class ReplicaReadRetry implements MethodInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaReadRetry.class);

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (ReplicaReads.active() || TransactionSynchronizationManager.isActualTransactionActive()
                || !(invocation instanceof ProxyMethodInvocation proxied)) {
            return invocation.proceed(); // part of an enclosing transaction: that one decides
        }
        MethodInvocation again = proxied.invocableClone(); // from this interceptor on, transaction included
        ReplicaReads.Attempt attempt = ReplicaReads.begin();
        try {
            try {
                return invocation.proceed();
            } catch (Throwable failure) {
                ReplicaServer replica = attempt.servedBy();
                if (replica == null || !ReplicaReads.connectionLost(failure)) {
                    throw failure;
                }
                replica.failed();
                log.warn("Replica {} lost a read's connection ({}); read again from the primary, replica out of "
                        + "the rotation until its next check", replica.index(), failure.getClass().getSimpleName());
                ReplicaReads.retryOnPrimary(attempt);
                return again.proceed();
            }
        } finally {
            ReplicaReads.end();
        }
    }
}
