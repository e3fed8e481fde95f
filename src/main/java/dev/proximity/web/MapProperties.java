package dev.proximity.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The browser map.
 *
 * @param tileUrl         raster tile template ({@code {z}/{x}/{y}}, optional {@code {s}}); its host is allowed in
 *                        the Content-Security-Policy. When tiles cannot load, the page draws bundled country
 *                        outlines instead.
 * @param tileAttribution the credit shown on the map for those tiles
 * @param defaultCenter   where the map opens before the visitor moves it or shares a location
 * @param categories      the category filter's choices (categories seen in results are added as they appear)
 */
@ConfigurationProperties("proximity.map")
@Validated
public record MapProperties(
        @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        @Pattern(regexp = "https?://[^/?#\\s]+/\\S*", message = "must be an http(s) URL template")
        String tileUrl,
        @DefaultValue("© OpenStreetMap contributors") @NotBlank String tileAttribution,
        @DefaultValue @Valid Center defaultCenter,
        @DefaultValue({"restaurant", "cafe", "bar", "grocery", "bakery", "pharmacy", "hotel", "hair_salon",
            "clothing", "bank", "gas_station", "gym", "dentist", "doctor", "car_repair", "hardware", "bookstore",
            "electronics", "florist", "laundry"})
        List<@Pattern(regexp = "[a-z0-9_-]{1,50}") String> categories) {

    /** Degrees; the default is Seoul City Hall. */
    public record Center(
            @DefaultValue("37.5665") @DecimalMin("-90") @DecimalMax("90") double latitude,
            @DefaultValue("126.9780") @DecimalMin("-180") @DecimalMax("180") double longitude) {
    }

    /** Scheme and host of the tiles for CSP {@code img-src}, {@code {s}} subdomains as a wildcard. */
    String tileOrigin() {
        int pathStart = tileUrl.indexOf('/', tileUrl.indexOf("://") + 3);
        return tileUrl.substring(0, pathStart).replace("{s}", "*");
    }
}
