package dev.proximity.business;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import dev.proximity.system.Ids;
import dev.proximity.web.MapProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /businesses/{id}}: the server-rendered page of one business; unknown or malformed ids are a 404 page. */
@Controller
class BusinessPageController {

    private final BusinessService businesses;
    private final MapProperties map;
    private final Clock clock = Clock.systemUTC();

    BusinessPageController(BusinessService businesses, MapProperties map) {
        this.businesses = businesses;
        this.map = map;
    }

    @GetMapping("/businesses/{id}")
    String business(@PathVariable String id, Model model) {
        // A browser gets the same 404 page for "abc" as for an id that names nothing.
        OptionalLong parsed = id.matches("\\d{1,30}") ? Ids.parse(id, "id") : OptionalLong.empty();
        if (parsed.isEmpty()) {
            throw BusinessNotFoundException.forUnknownId();
        }
        BusinessResponse business = businesses.get(parsed.getAsLong());
        OpeningStatus opening = OpeningStatus.of(business.hours(), business.timeZone(), clock.instant());
        Map<String, String> week = new LinkedHashMap<>();
        opening.week().forEach((DayOfWeek day, String hours) ->
                week.put(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH), hours));
        model.addAttribute("business", business);
        model.addAttribute("opening", opening);
        model.addAttribute("week", week);
        model.addAttribute("hasHours", business.hours() != null && !business.hours().isEmpty());
        model.addAttribute("address", address(business));
        model.addAttribute("category", business.category().replace('_', ' '));
        model.addAttribute("pageUrl", ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUriString());
        model.addAttribute("map", map);
        return "business/detail";
    }

    private static String address(BusinessResponse b) {
        StringBuilder line = new StringBuilder();
        for (String part : new String[] {b.address(), b.postalCode(), b.city(), b.state(), b.country()}) {
            if (part != null && !part.isBlank()) {
                line.append(line.isEmpty() ? "" : ", ").append(part);
            }
        }
        return line.toString();
    }
}
