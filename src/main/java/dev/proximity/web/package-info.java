/**
 * What every browser page shares: the fingerprinted asset catalog under {@code /assets/} (our own sources from
 * {@code frontend/} and Leaflet from its WebJars), asset URLs prefixed for a CDN, the export of those assets to a
 * folder for a bucket, the security headers (CSP and friends) and the HTML cache policy.
 */
package dev.proximity.web;
