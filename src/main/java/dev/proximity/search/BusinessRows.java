package dev.proximity.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/** Turns business rows read from the database into the forms search keeps. */
@Component
class BusinessRows {

    /** The columns every read of businesses for search selects, in this order. */
    static final String COLUMNS = "b.id, b.version, b.name, b.category, b.latitude, b.longitude, b.s2_cell,"
            + " b.address, b.city, b.country, b.time_zone, b.hours::text";
    private static final String NO_HOURS = "[]";

    private final ObjectMapper json;

    BusinessRows(ObjectMapper json) {
        this.json = json;
    }

    /** The business in the current row, whose first column is {@code b.id} at {@code first}. */
    static BusinessDocument document(ResultSet rs, int first) throws SQLException {
        return new BusinessDocument(rs.getLong(first), rs.getLong(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getDouble(first + 4), rs.getDouble(first + 5), rs.getLong(first + 6),
                rs.getString(first + 7), rs.getString(first + 8), rs.getString(first + 9), rs.getString(first + 10),
                rs.getString(first + 11));
    }

    /** The compact form search keeps, with this instance's dictionary codes. */
    BusinessRow toRow(SearchState state, BusinessDocument document) {
        String city = document.city();
        String country = document.country();
        int locality = city == null && country == null ? -1 : state.localities().encode(new Locality(city, country));
        String timeZone = document.timeZone();
        String hours = document.hours();
        int schedule = timeZone == null || hours == null || NO_HOURS.equals(hours) ? -1
                : state.schedules().encode(timeZone + "\n" + hours);
        return new BusinessRow(document.id(), document.latitude(), document.longitude(), document.s2Cell(),
                state.categories().encode(document.category()), locality, schedule, document.name(),
                document.address());
    }

    /** Parses a schedule key ({@code timeZone + "\n" + hours JSON}); null if it cannot be understood. */
    OpeningSchedule parseSchedule(String key) {
        int newline = key.indexOf('\n');
        try {
            ZoneId zone = ZoneId.of(key.substring(0, newline));
            List<OpeningSchedule.Interval> intervals = json.readValue(key.substring(newline + 1),
                    new TypeReference<List<OpeningSchedule.Interval>>() {
                    });
            return intervals.isEmpty() ? null : OpeningSchedule.of(zone, intervals);
        } catch (RuntimeException | JsonProcessingException e) {
            return null;
        }
    }
}
