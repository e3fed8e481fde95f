/**
 * The embedded default run mode: with no {@code spring.datasource.url} configured, the app starts a real
 * PostgreSQL 17 (zonky binaries) and a real redis-server of its own, keeps their files under
 * {@code proximity.embedded.data-dir}, and publishes them to the rest of the application as Boot
 * {@code ConnectionDetails}, so every feature is wired exactly as it is in production.
 */
package dev.proximity.embedded;
