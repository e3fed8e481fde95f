/**
 * Primary and read replicas: services only say {@code @Transactional(readOnly = true)}, and the
 * {@link dev.proximity.datasource.ReplicaRoutingDataSource} sends such transactions to a healthy replica that
 * lags at most {@code proximity.replica-max-lag} (round robin), everything else, Flyway included, to the
 * primary. A read whose replica connection breaks under it is run once more on the primary. An owner's reads
 * stay on the primary for {@code proximity.read-your-writes-window} after their write, marked in Redis so every
 * instance honours it. Writes fail fast with 503 while the primary is down, the first one to meet the outage
 * within one pool wait (250 ms) and a refused connection.
 */
package dev.proximity.datasource;
