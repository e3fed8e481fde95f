package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.embedded.EmbeddedDatabaseForTests;
import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.s2.S2Covering;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import(EmbeddedDatabaseForTests.class)
class BusinessRepositoryTests {

    private static final long OWNER = 1001;
    private static final long OTHER_OWNER = 1002;
    private static final Instant NOW = Instant.parse("2025-06-01T12:34:56.123456Z");

    @Autowired
    private BusinessRepository businesses;

    @Autowired
    private EntityManager entityManager;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void insertOwners() {
        // business.owner_id references owner(id)
        for (long id : new long[] {OWNER, OTHER_OWNER}) {
            jdbc.update("INSERT INTO owner (id, email, password_hash, name) VALUES (?, ?, 'x', 'Owner')",
                    id, "owner" + id + "@example.com");
        }
    }

    private static BusinessRequest request(String name, double latitude, double longitude) {
        return new BusinessRequest(name, "cafe", latitude, longitude, null, null, null, null, null, null, null, null,
                null);
    }

    private Business saveAndReload(Business business) {
        businesses.saveAndFlush(business);
        entityManager.clear();
        return businesses.findById(business.id()).orElseThrow();
    }

    @Nested
    class RoundTrip {

        @Test
        void everyFieldComesBackAsSaved() {
            List<OpeningHours> hours = List.of(
                    new OpeningHours(DayOfWeek.MONDAY, "09:00", "18:00"),
                    new OpeningHours(DayOfWeek.FRIDAY, "22:00", "02:00"),
                    new OpeningHours(DayOfWeek.SUNDAY, "00:00", "24:00"));
            BusinessRequest request = new BusinessRequest("Cafe Onion", "cafe", 37.5665, 126.978,
                    "1 Sejong-daero, Jung-gu", "Seoul", "Seoul", "KR", "04524", "+82 2-120", "https://example.com/menu",
                    "Asia/Seoul", hours);

            Business loaded = saveAndReload(new Business(7, OWNER, request, NOW));

            assertThat(loaded.id()).isEqualTo(7);
            assertThat(loaded.ownerId()).isEqualTo(OWNER);
            assertThat(loaded.name()).isEqualTo("Cafe Onion");
            assertThat(loaded.category()).isEqualTo("cafe");
            assertThat(loaded.latitude()).isEqualTo(37.5665);
            assertThat(loaded.longitude()).isEqualTo(126.978);
            assertThat(loaded.address()).isEqualTo("1 Sejong-daero, Jung-gu");
            assertThat(loaded.city()).isEqualTo("Seoul");
            assertThat(loaded.state()).isEqualTo("Seoul");
            assertThat(loaded.country()).isEqualTo("KR");
            assertThat(loaded.postalCode()).isEqualTo("04524");
            assertThat(loaded.phone()).isEqualTo("+82 2-120");
            assertThat(loaded.website()).isEqualTo("https://example.com/menu");
            assertThat(loaded.timeZone()).isEqualTo("Asia/Seoul");
            assertThat(loaded.hours()).isEqualTo(hours);
            assertThat(loaded.version()).isZero();
            assertThat(loaded.createdAt()).isEqualTo(NOW);
            assertThat(loaded.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void absentOptionalFieldsStayNullAndHoursAnEmptyArray() {
            Business loaded = saveAndReload(new Business(8, OWNER, request("Bare", 0, 0), NOW));

            assertThat(loaded.address()).isNull();
            assertThat(loaded.country()).isNull();
            assertThat(loaded.website()).isNull();
            assertThat(loaded.hours()).isEmpty();
            assertThat(jdbc.queryForObject("SELECT hours::text FROM business WHERE id = 8", String.class))
                    .isEqualTo("[]");
        }

        @Test
        void hoursAreStoredAsAJsonbArrayOfObjects() {
            BusinessRequest request = new BusinessRequest("Late", "bar", 1.0, 1.0, null, null, null, null, null, null,
                    null, null, List.of(new OpeningHours(DayOfWeek.SATURDAY, "20:00", "03:00")));
            businesses.saveAndFlush(new Business(9, OWNER, request, NOW));

            Map<String, Object> row = jdbc.queryForMap("""
                    SELECT jsonb_typeof(hours) AS type, jsonb_array_length(hours) AS length,
                           hours->0->>'day' AS day, hours->0->>'open' AS open, hours->0->>'close' AS close
                    FROM business WHERE id = 9""");
            assertThat(row).containsEntry("type", "array").containsEntry("length", 1)
                    .containsEntry("day", "SATURDAY").containsEntry("open", "20:00").containsEntry("close", "03:00");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "emoji and a flag    | Noodles \uD83C\uDF5C\uD83C\uDDF0\uD83C\uDDF7 ramen",
                "right to left       | \u0645\u0642\u0647\u0649 \u05E7\u05E4\u05D4 \u200F(RTL)",
                "zero width          | a\u200Bb\u200Cc\u200Dd\uFEFFe",
                "combining marks     | Cafe\u0301 vs Caf\u00E9",
                "hangul and han      | \uCE74\uD398 \u5496\u5561",
                "supplementary plane | \uD840\uDC0B\uD834\uDD1E"})
        void unicodeTextComesBackByteForByte(String what, String text) {
            BusinessRequest request = new BusinessRequest(text, "cafe", 37.5, 127.0, text, text, null, null, null,
                    null, null, null, null);
            Business loaded = saveAndReload(new Business(10, OWNER, request, NOW));

            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            assertThat(loaded.name().getBytes(StandardCharsets.UTF_8)).as(what).isEqualTo(expected);
            assertThat(loaded.address().getBytes(StandardCharsets.UTF_8)).as(what).isEqualTo(expected);
            assertThat(loaded.city().getBytes(StandardCharsets.UTF_8)).as(what).isEqualTo(expected);
            Map<String, Object> stored = jdbc.queryForMap(
                    "SELECT octet_length(name) AS bytes, char_length(name) AS chars FROM business WHERE id = 10");
            assertThat(stored).containsEntry("bytes", expected.length)
                    .containsEntry("chars", text.codePointCount(0, text.length()));
        }

        @Test
        void timestampsKeepMicroseconds() {
            Instant micros = Instant.parse("2025-06-01T12:34:56.987654Z");
            Business loaded = saveAndReload(new Business(11, OWNER, request("Precise", 1, 1), micros));
            assertThat(loaded.createdAt()).isEqualTo(micros).isEqualTo(micros.truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Nested
    class CellIds {

        @ParameterizedTest
        @CsvSource({
                "37.5665, 126.978",     // Seoul City Hall
                "-33.8568, 151.2153",   // Sydney, southern and eastern hemisphere
                "40.6892, -74.0445",    // New York, western hemisphere
                "0, 0",
                "90, 0",                // North Pole
                "-90, 180",             // South Pole on the antimeridian
                "-80, -45",             // S2 face 5: the leaf id does not fit a signed long's positive range
                "51.4779, -0.0015"})    // just west of Greenwich
        void areDerivedFromTheCoordinatesOnSave(double latitude, double longitude) {
            businesses.saveAndFlush(new Business(20, OWNER, request("Cell", latitude, longitude), NOW));

            Map<String, Object> row = jdbc.queryForMap("SELECT geohash, s2_cell FROM business WHERE id = 20");
            assertThat((String) row.get("geohash")).hasSize(12)
                    .isEqualTo(Geohash.encode(latitude, longitude, 12));
            assertThat((Long) row.get("s2_cell")).isEqualTo(S2Covering.leafCellId(latitude, longitude));
        }

        @Test
        void followTheCoordinatesWhenTheBusinessMoves() {
            Business business = new Business(21, OWNER, request("Mover", 37.5665, 126.978), NOW);
            businesses.saveAndFlush(business);
            business.apply(request("Mover", 35.1796, 129.0756), NOW.plusSeconds(1)); // Busan
            businesses.saveAndFlush(business);

            Map<String, Object> row = jdbc.queryForMap("SELECT geohash, s2_cell FROM business WHERE id = 21");
            assertThat(row).containsEntry("geohash", Geohash.encode(35.1796, 129.0756, 12))
                    .containsEntry("s2_cell", S2Covering.leafCellId(35.1796, 129.0756));
        }
    }

    @Nested
    class CellIndexes {

        /** A few thousand businesses spread over the globe, so that a cell query is selective. */
        @BeforeEach
        void insertManyBusinesses() {
            Random random = new Random(20250601);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                double latitude = random.nextDouble() * 170 - 85;
                double longitude = random.nextDouble() * 360 - 180;
                rows.add(new Object[] {100_000L + i, OWNER, "Business " + i, latitude, longitude,
                        Geohash.encode(latitude, longitude, 12), S2Covering.leafCellId(latitude, longitude)});
            }
            jdbc.batchUpdate("""
                    INSERT INTO business (id, owner_id, name, category, latitude, longitude, geohash, s2_cell)
                    VALUES (?, ?, ?, 'cafe', ?, ?, ?, ?)""", rows);
            jdbc.execute("ANALYZE business");
        }

        private String plan(String sql) {
            return String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class));
        }

        @Test
        void aGeohashPrefixQueryUsesTheGeohashIndex() {
            String prefix = Geohash.encode(37.5665, 126.978, 5);
            String plan = plan("SELECT id FROM business WHERE geohash LIKE '" + prefix + "%'");
            assertThat(plan).contains("business_geohash_idx").doesNotContain("Seq Scan");
        }

        @Test
        void aGeohashPrefixQueryFindsExactlyTheBusinessesInTheCell() {
            String prefix = Geohash.encode(37.5665, 126.978, 4);
            jdbc.update("""
                    INSERT INTO business (id, owner_id, name, category, latitude, longitude, geohash, s2_cell)
                    VALUES (1, ?, 'Inside', 'cafe', 37.5665, 126.978, ?, ?)""",
                    OWNER, Geohash.encode(37.5665, 126.978, 12), S2Covering.leafCellId(37.5665, 126.978));

            List<String> found = jdbc.queryForList("SELECT geohash FROM business WHERE geohash LIKE ?", String.class,
                    prefix + "%");
            assertThat(found).isNotEmpty().allMatch(g -> g.startsWith(prefix));
            Long bruteForce = jdbc.queryForObject("SELECT count(*) FROM business WHERE left(geohash, 4) = ?",
                    Long.class, prefix);
            assertThat(found).hasSize(bruteForce.intValue());
        }

        @Test
        void anS2CellRangeQueryUsesTheS2Index() {
            S2CellId cell = S2CellId.fromLatLng(S2LatLng.fromDegrees(37.5665, 126.978)).parent(10);
            String plan = plan("SELECT id FROM business WHERE s2_cell BETWEEN " + cell.rangeMin().id() + " AND "
                    + cell.rangeMax().id());
            assertThat(plan).contains("business_s2_cell_idx").doesNotContain("Seq Scan");
        }

        @Test
        void anS2CellRangeHoldsExactlyTheLeavesOfThatCell() {
            // face 5 (far south): its leaf ids are negative as signed longs, and the range must still hold
            S2CellId cell = S2CellId.fromLatLng(S2LatLng.fromDegrees(-80, -45)).parent(3);
            assertThat(cell.face()).isEqualTo(5);
            List<Long> leaves = jdbc.queryForList("SELECT s2_cell FROM business WHERE s2_cell BETWEEN ? AND ?",
                    Long.class, cell.rangeMin().id(), cell.rangeMax().id());
            List<Long> all = jdbc.queryForList("SELECT s2_cell FROM business", Long.class);
            List<Long> bruteForce = all.stream().filter(id -> cell.contains(new S2CellId(id))).toList();
            assertThat(bruteForce).isNotEmpty();
            assertThat(leaves).containsExactlyInAnyOrderElementsOf(bruteForce);
        }
    }

    @Nested
    class OwnerPages {

        @Test
        void pagesAnOwnersBusinessesNewestFirst() {
            for (long id = 1; id <= 5; id++) {
                businesses.save(new Business(id, OWNER, request("Mine " + id, 1, 1), NOW));
            }
            businesses.save(new Business(6, OTHER_OWNER, request("Theirs", 1, 1), NOW));
            businesses.flush();

            assertThat(idsOf(businesses.findByOwnerIdAndIdLessThanOrderByIdDesc(OWNER, Long.MAX_VALUE, Limit.of(2))))
                    .containsExactly(5L, 4L);
            assertThat(idsOf(businesses.findByOwnerIdAndIdLessThanOrderByIdDesc(OWNER, 4, Limit.of(2))))
                    .containsExactly(3L, 2L);
            assertThat(idsOf(businesses.findByOwnerIdAndIdLessThanOrderByIdDesc(OWNER, 2, Limit.of(2))))
                    .containsExactly(1L);
            assertThat(businesses.findByOwnerIdAndIdLessThanOrderByIdDesc(OWNER, 1, Limit.of(2))).isEmpty();
            assertThat(idsOf(businesses.findByOwnerIdAndIdLessThanOrderByIdDesc(OTHER_OWNER, Long.MAX_VALUE,
                    Limit.of(10)))).containsExactly(6L);
        }

        private List<Long> idsOf(List<Business> page) {
            return page.stream().map(Business::id).toList();
        }
    }

    @Nested
    class Versions {

        @Test
        void startsAtZeroAndIncrementsOnEveryUpdate() {
            Business business = new Business(30, OWNER, request("Versioned", 1, 1), NOW);
            businesses.saveAndFlush(business);
            assertThat(business.version()).isZero();

            business.apply(request("Versioned again", 1, 1), NOW.plusSeconds(1));
            businesses.saveAndFlush(business);
            assertThat(business.version()).isEqualTo(1);

            business.apply(request("Versioned thrice", 2, 2), NOW.plusSeconds(2));
            businesses.saveAndFlush(business);
            assertThat(business.version()).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT version FROM business WHERE id = 30", Long.class)).isEqualTo(2);
        }

        @Test
        void anUnchangedEntityKeepsItsVersion() {
            Business business = new Business(31, OWNER, request("Still", 1, 1), NOW);
            businesses.saveAndFlush(business);
            businesses.saveAndFlush(business);
            assertThat(jdbc.queryForObject("SELECT version FROM business WHERE id = 31", Long.class)).isZero();
        }
    }

    @Nested
    class Constraints {

        @ParameterizedTest
        @CsvSource({"91, 0", "-90.5, 0", "0, 180.5", "0, -181", "'NaN', 0"})
        void theDatabaseRejectsCoordinatesOutOfRange(String latitude, String longitude) {
            assertThatThrownBy(() -> jdbc.update("""
                    INSERT INTO business (id, owner_id, name, category, latitude, longitude, geohash, s2_cell)
                    VALUES (40, ?, 'Nowhere', 'cafe', CAST(? AS double precision), CAST(? AS double precision),
                            's00000000000', 1)""", OWNER, latitude, longitude))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("business_l");
        }

        @Test
        void theDatabaseRejectsALowerCaseCountry() {
            assertThatThrownBy(() -> jdbc.update("""
                    INSERT INTO business (id, owner_id, name, category, latitude, longitude, geohash, s2_cell, country)
                    VALUES (41, ?, 'Somewhere', 'cafe', 0, 0, 's00000000000', 1, 'kr')""", OWNER))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("business_country_check");
        }

        @Test
        void theDatabaseRejectsAnUnknownOwner() {
            assertThatThrownBy(() -> businesses.saveAndFlush(new Business(42, 999_999, request("Orphan", 1, 1), NOW)))
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }
}
