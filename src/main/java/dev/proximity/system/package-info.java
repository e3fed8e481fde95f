/**
 * Cross-cutting wiring: time-ordered ids, strict JSON, one problem+json shape for every error, request size
 * limits and the OpenAPI description. Features depend on this package; it depends on none of them.
 */
package dev.proximity.system;
