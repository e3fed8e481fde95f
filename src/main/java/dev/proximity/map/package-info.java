/**
 * The map page at {@code /}: Leaflet over the public nearby search, with the cells each index used drawn on
 * top (served by {@code /v1/search/cells}).
 */
package dev.proximity.map;
