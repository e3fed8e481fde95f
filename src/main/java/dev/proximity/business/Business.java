package dev.proximity.business;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.s2.S2Covering;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored business. Never leaves the service: the API sees {@link BusinessResponse}. */
@Entity
@Table(name = "business")
class Business {

    static final int GEOHASH_PRECISION = 12;

    @Id
    private Long id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private long ownerId;

    private String name;
    private String category;
    private double latitude;
    private double longitude;
    private String address;
    private String city;
    private String state;
    private String country;
    @Column(name = "postal_code")
    private String postalCode;
    private String phone;
    private String website;
    @Column(name = "time_zone")
    private String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<OpeningHours> hours = new ArrayList<>();

    private String geohash;
    @Column(name = "s2_cell")
    private long s2Cell;

    /** A wrapper type on purpose: null marks a new entity, so save() inserts without a select first. */
    @Version
    private Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Business() {
    }

    Business(long id, long ownerId, BusinessRequest request, Instant now) {
        this.id = id;
        this.ownerId = ownerId;
        this.createdAt = now;
        apply(request, now);
    }

    /** Replaces every owner-settable field and recomputes the cell ids from the coordinates. */
    void apply(BusinessRequest request, Instant now) {
        this.name = request.name();
        this.category = request.category();
        this.latitude = request.latitude();
        this.longitude = request.longitude();
        this.address = request.address();
        this.city = request.city();
        this.state = request.state();
        this.country = request.country();
        this.postalCode = request.postalCode();
        this.phone = request.phone();
        this.website = request.website();
        this.timeZone = request.timeZone();
        this.hours = new ArrayList<>(request.hours());
        this.geohash = geohashOf(latitude, longitude);
        this.s2Cell = s2CellOf(latitude, longitude);
        this.updatedAt = now;
    }

    /** The precision-12 geohash stored for prefix scans. */
    static String geohashOf(double latitude, double longitude) {
        return Geohash.encode(latitude, longitude, GEOHASH_PRECISION);
    }

    /** The leaf S2 cell id stored for range scans. */
    static long s2CellOf(double latitude, double longitude) {
        return S2Covering.leafCellId(latitude, longitude);
    }

    long id() { return id; }
    long ownerId() { return ownerId; }
    String name() { return name; }
    String category() { return category; }
    double latitude() { return latitude; }
    double longitude() { return longitude; }
    String address() { return address; }
    String city() { return city; }
    String state() { return state; }
    String country() { return country; }
    String postalCode() { return postalCode; }
    String phone() { return phone; }
    String website() { return website; }
    String timeZone() { return timeZone; }
    List<OpeningHours> hours() { return List.copyOf(hours); }
    String geohash() { return geohash; }
    long s2Cell() { return s2Cell; }
    long version() { return version == null ? 0 : version; }
    Instant createdAt() { return createdAt; }
    Instant updatedAt() { return updatedAt; }
}
