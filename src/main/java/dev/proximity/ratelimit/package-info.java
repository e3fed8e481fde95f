/**
 * Rate limits: token buckets in Redis (Bucket4j), so every instance draws from the same bucket. Searches are
 * limited per client address (an IPv4 address, or an IPv6 /64), writes per owner, sign-in attempts (the API's
 * and the owner pages' forms alike) per e-mail and per address. Bucket keys ({@code px:v1:rl:<limit>:<keyed
 * hash>}) hold neither addresses, e-mails nor coordinates. When Redis is unreachable the limits fail open (a
 * short timeout, then the {@code redis} circuit breaker) and say so once.
 */
package dev.proximity.ratelimit;
