package dev.proximity.business;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the owner pages' business form posts: every field of {@link BusinessRequest} as the text typed, so a
 * wrong value comes back as typed beside its message. {@code version} makes the edit conditional;
 * {@code formKey} makes a double-submitted create idempotent.
 */
public class BusinessForm {

    /** Rows shown without JavaScript: every existing interval, then blank rows up to a week and at least two. */
    static final int MIN_ROWS = 7;
    static final int BLANK_ROWS = 2;

    private String name;
    private String category;
    private String latitude;
    private String longitude;
    private String address;
    private String city;
    private String state;
    private String country;
    private String postalCode;
    private String phone;
    private String website;
    private String timeZone;
    private List<HoursRow> hours = new ArrayList<>();
    private Long version;
    private String formKey;

    static BusinessForm blank() {
        BusinessForm form = new BusinessForm();
        form.formKey = UUID.randomUUID().toString();
        return form.withBlankHourRows();
    }

    static BusinessForm of(BusinessResponse b) {
        BusinessForm form = new BusinessForm();
        form.name = b.name();
        form.category = b.category();
        form.latitude = plain(b.latitude());
        form.longitude = plain(b.longitude());
        form.address = b.address();
        form.city = b.city();
        form.state = b.state();
        form.country = b.country();
        form.postalCode = b.postalCode();
        form.phone = b.phone();
        form.website = b.website();
        form.timeZone = b.timeZone();
        for (OpeningHours interval : b.hours()) {
            form.hours.add(new HoursRow(interval.day().name(), interval.open(), interval.close()));
        }
        form.version = b.version();
        return form.withBlankHourRows();
    }

    /** Pads the hours with blank rows so the page can take new intervals without a script. */
    BusinessForm withBlankHourRows() {
        int filled = 0;
        for (HoursRow row : hours) {
            filled += row.isBlank() ? 0 : 1;
        }
        hours.removeIf(row -> row == null || row.isBlank());
        int rows = Math.max(MIN_ROWS, filled + BLANK_ROWS);
        // blank rows offer the week in order, so filling Monday to Sunday takes no day picking
        for (int blank = 0; hours.size() < rows; blank++) {
            hours.add(new HoursRow(java.time.DayOfWeek.of(blank % 7 + 1).name(), null, null));
        }
        return this;
    }

    private static String plain(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).toPlainString();
    }

    // JavaBean accessors for data binding and the template

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getLatitude() { return latitude; }
    public void setLatitude(String latitude) { this.latitude = latitude; }
    public String getLongitude() { return longitude; }
    public void setLongitude(String longitude) { this.longitude = longitude; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<HoursRow> getHours() { return hours; }
    public void setHours(List<HoursRow> hours) { this.hours = hours == null ? new ArrayList<>() : hours; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getFormKey() { return formKey; }
    public void setFormKey(String formKey) { this.formKey = formKey; }

    /** One opening interval row: a day and HH:mm times, all blank when unused. */
    public static class HoursRow {

        private String day;
        private String open;
        private String close;

        public HoursRow() {
        }

        HoursRow(String day, String open, String close) {
            this.day = day;
            this.open = open;
            this.close = close;
        }

        boolean isBlank() {
            return isBlank(open) && isBlank(close);
        }

        static boolean isBlank(String text) {
            return text == null || text.isBlank();
        }

        public String getDay() { return day; }
        public void setDay(String day) { this.day = day; }
        public String getOpen() { return open; }
        public void setOpen(String open) { this.open = open; }
        public String getClose() { return close; }
        public void setClose(String close) { this.close = close; }
    }
}
