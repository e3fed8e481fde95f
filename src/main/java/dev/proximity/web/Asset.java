package dev.proximity.web;

/**
 * One servable file: its logical path as templates name it ({@code /assets/map.js}), its fingerprinted public
 * path ({@code /assets/map-3f9a1c0b2d4e5f60.js}) and its exact bytes (CSS already points at fingerprinted names).
 */
public record Asset(String logicalPath, String publicPath, byte[] content) {
}
