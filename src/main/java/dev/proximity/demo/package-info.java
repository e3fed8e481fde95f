/**
 * Demo data: in the embedded default run mode, an empty database is filled with businesses around real
 * cities (the bundled GeoNames city list) so that the map has something to show. The same city model
 * (population-weighted cities, dense core plus suburban tail) feeds the benchmark generators.
 */
package dev.proximity.demo;
