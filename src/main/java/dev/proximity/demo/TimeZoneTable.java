package dev.proximity.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;

/**
 * The IANA time zone of a place, from the bundled table of each zone's principal place by country
 * ({@code /demo/time-zones.tsv}, after the tz database's {@code zone.tab}): a country with one zone takes it;
 * in a country with several (US, RU, BR, MX, CA, AU, ID, ...) a place takes the zone of the nearest principal
 * place of that country, which is right for the big cities and close enough near zone borders for demo data.
 * A country the table lacks takes the nearest principal place anywhere. Zones this JDK does not know are left
 * out at load, so every answer is valid for {@link ZoneId#of}. Immutable and thread-safe.
 */
final class TimeZoneTable {

    private record Anchor(LatLng place, String zone) {
    }

    private final Map<String, List<Anchor>> byCountry;
    private final List<Anchor> all;

    private TimeZoneTable(Map<String, List<Anchor>> byCountry) {
        this.byCountry = Map.copyOf(byCountry);
        this.all = byCountry.values().stream().flatMap(List::stream).toList();
    }

    static TimeZoneTable load() {
        Set<String> known = ZoneId.getAvailableZoneIds();
        Map<String, List<Anchor>> byCountry = new HashMap<>();
        try (InputStream in = TimeZoneTable.class.getResourceAsStream("/demo/time-zones.tsv")) {
            if (in == null) {
                throw new IllegalStateException("demo/time-zones.tsv is not on the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (known.contains(f[3])) {
                    byCountry.computeIfAbsent(f[0], c -> new ArrayList<>()).add(new Anchor(
                            LatLng.ofDegrees(Double.parseDouble(f[1]), Double.parseDouble(f[2])), f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byCountry.replaceAll((country, anchors) -> List.copyOf(anchors));
        return new TimeZoneTable(byCountry);
    }

    /** The zone id of the place at these coordinates in this country (ISO 3166-1 alpha-2). */
    String zoneAt(String country, double latDegrees, double lngDegrees) {
        List<Anchor> anchors = byCountry.getOrDefault(country, all);
        if (anchors.size() == 1) {
            return anchors.get(0).zone();
        }
        LatLng place = LatLng.ofDegrees(latDegrees, lngDegrees);
        Anchor nearest = anchors.get(0);
        double nearestMeters = Double.MAX_VALUE;
        for (Anchor anchor : anchors) {
            double meters = Haversine.distanceMeters(place, anchor.place());
            if (meters < nearestMeters) {
                nearest = anchor;
                nearestMeters = meters;
            }
        }
        return nearest.zone();
    }
}
