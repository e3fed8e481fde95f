/**
 * Demo data: in the embedded default run mode, an empty database is filled with businesses a person believes:
 * a dense downtown around each of the most populous bundled cities (the GeoNames city list) and the map's default
 * centre, and a long tail over all cities, population-weighted. Names and street addresses come from per-language
 * word lists in the city's language and script, categories in a real city's shares, opening hours as each
 * category keeps them in the place's own IANA time zone. The generation ({@code NameList}, {@code LanguageTable},
 * {@code OpeningHoursModel}, {@code TimeZoneTable}, {@code Downtown}, {@code DemoBusinesses}) is plain Java; only
 * {@code DemoDataSeeder} and {@code DemoProperties} are Spring. The same city model (population-weighted cities,
 * dense core plus suburban tail) feeds the benchmark generators.
 */
package dev.proximity.demo;
