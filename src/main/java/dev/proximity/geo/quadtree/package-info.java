/**
 * Our own in-memory region quadtree over latitude/longitude ({@link dev.proximity.geo.quadtree.Quadtree}): leaves
 * split above a configurable number of points, bulk build from arrays, insert/remove/move with copy-on-write
 * snapshots so queries never block and never see a half-applied change.
 */
package dev.proximity.geo.quadtree;
