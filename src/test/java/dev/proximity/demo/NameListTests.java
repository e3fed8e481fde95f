package dev.proximity.demo;

import java.lang.Character.UnicodeScript;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class NameListTests {

    static final LanguageTable LANGUAGES = LanguageTable.load();

    /** The script most of a list's names are written in. */
    static final Map<String, UnicodeScript> SCRIPTS = Map.ofEntries(
            entry("ko", UnicodeScript.HANGUL), entry("ja", UnicodeScript.HAN), entry("zh-Hans", UnicodeScript.HAN),
            entry("zh-Hant", UnicodeScript.HAN), entry("ar", UnicodeScript.ARABIC), entry("fa", UnicodeScript.ARABIC),
            entry("ur", UnicodeScript.ARABIC), entry("ru", UnicodeScript.CYRILLIC),
            entry("uk", UnicodeScript.CYRILLIC), entry("hi", UnicodeScript.DEVANAGARI),
            entry("bn", UnicodeScript.BENGALI), entry("th", UnicodeScript.THAI), entry("my", UnicodeScript.MYANMAR),
            entry("en", UnicodeScript.LATIN), entry("en-IN", UnicodeScript.LATIN), entry("fr", UnicodeScript.LATIN),
            entry("de", UnicodeScript.LATIN), entry("es", UnicodeScript.LATIN), entry("pt", UnicodeScript.LATIN),
            entry("it", UnicodeScript.LATIN), entry("nl", UnicodeScript.LATIN), entry("pl", UnicodeScript.LATIN),
            entry("tr", UnicodeScript.LATIN), entry("vi", UnicodeScript.LATIN), entry("id", UnicodeScript.LATIN));

    @Test
    void everyListTheTableNamesLoadsAndNamesEveryCategory() {
        assertThat(LANGUAGES.lists().keySet()).containsExactlyInAnyOrderElementsOf(SCRIPTS.keySet());
        for (NameList list : LANGUAGES.lists().values()) {
            assertThat(list.categories()).as(list.tag()).containsExactlyInAnyOrderElementsOf(CategoryMix.CATEGORIES);
        }
    }

    @Test
    void namesAreShortVisibleTextInTheListsScript() {
        Random random = new Random(1);
        for (NameList list : LANGUAGES.lists().values()) {
            int inScript = 0;
            int names = 0;
            for (String category : CategoryMix.CATEGORIES) {
                for (int i = 0; i < 100; i++) {
                    String name = list.name(category, random);
                    assertThat(name).as(list.tag()).isNotBlank().isEqualTo(name.strip()).doesNotContain("{", "}", "  ");
                    assertThat(name.codePointCount(0, name.length())).as(name).isBetween(2, 200);
                    names++;
                    if (hasScript(name, SCRIPTS.get(list.tag()))) {
                        inScript++;
                    }
                }
            }
            // a few names mix in English words or chain names; most are in the list's own script
            assertThat(inScript).as(list.tag()).isGreaterThan(names * 85 / 100);
        }
    }

    @Test
    void namesVaryWithinACategory() {
        Random random = new Random(2);
        for (NameList list : LANGUAGES.lists().values()) {
            for (String category : CategoryMix.CATEGORIES) {
                Set<String> distinct = new HashSet<>();
                for (int i = 0; i < 100; i++) {
                    distinct.add(list.name(category, random));
                }
                // a 2 km neighbourhood holds at most a few dozen of one category; chains and common names repeat
                assertThat(distinct).as(list.tag() + " " + category).hasSizeGreaterThan(40);
            }
        }
    }

    @Test
    void everyListWritesStreetAddresses() {
        Random random = new Random(3);
        for (NameList list : LANGUAGES.lists().values()) {
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                String address = list.address(random);
                assertThat(address).as(list.tag()).isNotBlank().doesNotContain("{").matches("(?s).*\\d.*");
                distinct.add(address);
            }
            assertThat(distinct).as(list.tag()).hasSizeGreaterThan(50);
        }
    }

    @Test
    void patternsTakeWordsFromTheirSlots() {
        NameList korean = LANGUAGES.lists().get("ko");
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            assertThat(korean.name("pharmacy", random)).endsWith("약국");
            assertThat(korean.address(random)).matches("\\S+ \\d+");
        }
        assertThatThrownBy(() -> korean.name("zoo", random)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NameList.load("xx")).hasMessageContaining("/demo/names/xx.txt");
    }

    static boolean hasScript(String text, UnicodeScript script) {
        return text.codePoints().anyMatch(c -> UnicodeScript.of(c) == script
                // Japanese names may be all kana
                || script == UnicodeScript.HAN && (UnicodeScript.of(c) == UnicodeScript.HIRAGANA
                        || UnicodeScript.of(c) == UnicodeScript.KATAKANA));
    }
}
