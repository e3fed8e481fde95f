package dev.proximity.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How names and {@code q} are folded, cut into tokens and matched: fixtures for each Unicode rule the class doc
 * promises, then randomised checks of the byte matcher against a plain string oracle over the tokens.
 */
class KeywordsTests {

    private static boolean matches(String q, String name) {
        byte[] keys = Keywords.nameKeys(name);
        return Keywords.Query.of(q).matchesName(0, keys, 0, keys.length);
    }

    @Nested
    class Folding {

        @Test
        void fullWidthLettersBecomeAscii() {
            // U+FF23 U+FF21 U+FF26 U+FF25: NFKC maps full-width Latin to ASCII
            assertThat(Keywords.fold("ＣＡＦＥ")).isEqualTo("cafe");
            assertThat(Keywords.tokens("ＣＡＦＥ　ＢＡＲ")).containsExactly("cafe", "bar"); // U+3000 ideographic space
        }

        @Test
        void caseFoldsSharpSAndSigma() {
            assertThat(Keywords.fold("Straße")).isEqualTo("strasse");
            assertThat(Keywords.fold("STRASSE")).isEqualTo("strasse");
            assertThat(Keywords.fold("ẞ")).isEqualTo("ss"); // U+1E9E capital sharp s
            // final sigma folds to the ordinary sigma, wherever it stands: "ΟΔΟΣ", "οδος" and "οδοσ" are one word
            assertThat(Keywords.fold("ΟΔΟΣ")).isEqualTo("οδοσ");
            assertThat(Keywords.fold("οδος")).isEqualTo("οδοσ");
            assertThat(Keywords.fold("οδοσ")).isEqualTo("οδοσ");
        }

        @Test
        void removesAccentsOfLatinGreekAndCyrillic() {
            assertThat(Keywords.tokens("Café")).containsExactly("cafe");
            assertThat(Keywords.tokens("Crème Brûlée")).containsExactly("creme", "brulee");
            assertThat(Keywords.tokens("São Paulo")).containsExactly("sao", "paulo");
            assertThat(Keywords.tokens("Ἀθῆναι")).containsExactly("αθηναι"); // psili and perispomeni on Greek
            assertThat(Keywords.tokens("Ёлка")).containsExactly("елка"); // diaeresis on Cyrillic
            // decomposed input (e + U+0301) folds like the precomposed letter
            assertThat(Keywords.fold("Cafe\u0301")).isEqualTo(Keywords.fold("Café"));
            // dotted capital I: lower case gives i + U+0307, whose dot is removed like an accent
            assertThat(Keywords.tokens("İstanbul")).containsExactly("istanbul");
        }

        @Test
        void keepsJapaneseVoicingMarks() {
            // ガ is カ + U+3099 after NFD; the voicing mark changes the sound, so it stays and composes again
            assertThat(Keywords.fold("ガ")).isEqualTo("ガ").isNotEqualTo("カ");
            assertThat(Keywords.fold("パン")).isEqualTo("パン"); // semi-voiced U+309A
            assertThat(Keywords.fold("ぎょうざ")).isEqualTo("ぎょうざ");
            // half-width katakana with a separate voicing mark: NFKC gives the full-width composed letter
            assertThat(Keywords.fold("ｶﾞｽﾄ")).isEqualTo("ガスト");
            assertThat(Keywords.tokens("ﾗｰﾒﾝ")).containsExactly("ラーメン");
        }

        @Test
        void keepsHangulSyllablesComposed() {
            String composed = "할매국밥";
            assertThat(composed).hasSize(4);
            assertThat(Keywords.fold(composed)).isEqualTo(composed);
            assertThat(Keywords.nameKeys(composed)).isEqualTo((" " + composed).getBytes(StandardCharsets.UTF_8));
            // conjoining jamo (how some keyboards send it) compose to the same syllables
            String jamo = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
            assertThat(jamo).hasSize(11); // 할 ㅎㅏㄹ, 매 ㅁㅐ, 국 ㄱㅜㄱ, 밥 ㅂㅏㅂ
            assertThat(Keywords.fold(jamo)).isEqualTo(composed);
        }

        @Test
        void foldingIsIdempotent() {
            for (String text : new String[] {"ＣＡＦＥ", "Straße", "ΟΔΟΣ ΣΑΣ", "Crème Brûlée", "ｶﾞｽﾄ", "할매국밥",
                    "İstanbul", "ﬁne ½ Ⅻ", "Όσκαρ"}) {
                String once = Keywords.fold(text);
                assertThat(Keywords.fold(once)).as(text).isEqualTo(once);
            }
        }
    }

    @Nested
    class Tokens {

        @Test
        void dropsApostrophesInsideWords() {
            assertThat(Keywords.tokens("McDonald's")).containsExactly("mcdonalds");
            assertThat(Keywords.tokens("McDonald’s")).containsExactly("mcdonalds"); // U+2019
            assertThat(Keywords.tokens("l’Étoile")).containsExactly("letoile");
            assertThat(Keywords.tokens("rock 'n' roll")).containsExactly("rock", "n", "roll");
        }

        @Test
        void splitsBetweenHanKanaHangulAndOtherScripts() {
            assertThat(Keywords.tokens("Café東京")).containsExactly("cafe", "東京");
            assertThat(Keywords.tokens("東京Café")).containsExactly("東京", "cafe");
            assertThat(Keywords.tokens("セブン11")).containsExactly("セブン", "11");
            assertThat(Keywords.tokens("BT21카페")).containsExactly("bt21", "카페");
            // Han, kana and Hangul are one class: no split between them
            assertThat(Keywords.tokens("東京ラーメン")).containsExactly("東京ラーメン");
        }

        @Test
        void cutsAtPunctuationAndKeepsDuplicates() {
            assertThat(Keywords.tokens("  Fish & Chips -- fish!! ")).containsExactly("fish", "chips", "fish");
            assertThat(Keywords.tokens("!!! ...")).isEmpty();
            assertThat(Keywords.nameKeys("!!!")).isEmpty();
            assertThat(Keywords.Query.of("--- ?").isEmpty()).isTrue();
        }

        @Test
        void nameKeysAreSpacePrefixedTokensInUtf8() {
            assertThat(new String(Keywords.nameKeys("Café 東京"), StandardCharsets.UTF_8)).isEqualTo(" cafe 東京");
        }

        @Test
        void aQueryKeepsDistinctTokensInOrder() {
            Keywords.Query query = Keywords.Query.of("Pizza pizza PIZZA Napoli");
            assertThat(query.tokens()).containsExactly("pizza", "napoli");
            assertThat(query.canonical()).isEqualTo("pizza napoli");
        }
    }

    @Nested
    class Matching {

        @Test
        void latinTokensMatchAtTokenStartsOnly() {
            assertThat(matches("caf", "Café de Flore")).isTrue();
            assertThat(matches("CAFÉ", "cafe")).isTrue();
            assertThat(matches("ＣＡＦＥ", "Café")).isTrue();
            assertThat(matches("flore", "Café de Flore")).isTrue();
            assertThat(matches("afe", "Café")).isFalse(); // inside a token: no
            assertThat(matches("lore", "Café de Flore")).isFalse();
            assertThat(matches("mcdonalds", "McDonald's")).isTrue();
            assertThat(matches("mcdonald's", "McDonalds")).isTrue();
            assertThat(matches("strasse", "Straße 1")).isTrue();
            assertThat(matches("cafe", "Café東京")).isTrue();
        }

        @Test
        void aPrefixEndingInSigmaMatchesTheWordItBegins() {
            // Όσκαρ folds to "οσκαρ"; the query "Όσ" is a whole word to the case mapper, whose final-sigma rule
            // would give "ος", which is no prefix of it
            assertThat(matches("Όσ", "Όσκαρ")).isTrue();
            assertThat(matches("οδος", "ΟΔΟΣ ΠΑΝΕΠΙΣΤΗΜΙΟΥ")).isTrue();
        }

        @Test
        void hanKanaAndHangulTokensMatchAnywhereInAToken() {
            assertThat(matches("국밥", "할매국밥")).isTrue();
            assertThat(matches("매국", "할매국밥")).isTrue();
            assertThat(matches("京", "東京ラーメン")).isTrue();
            assertThat(matches("ラーメン", "東京ラーメン")).isTrue();
            assertThat(matches("ｶﾞｽﾄ", "すかいらーく ガスト")).isTrue();
            // the voicing mark is kept, so カスト (no voicing) is a different word
            assertThat(matches("カスト", "ガスト")).isFalse();
            assertThat(matches("冷麺", "할매국밥")).isFalse();
        }

        @Test
        void everyTokenMustMatch() {
            assertThat(matches("pizz napoli", "Pizzeria Napoli")).isTrue();
            assertThat(matches("pizza napoli", "Pizzeria Napoli")).isFalse(); // "pizza" is no prefix of "pizzeria"
            assertThat(matches("pizz roma", "Pizzeria Napoli")).isFalse();
            assertThat(matches("cafe 東京", "Café東京")).isTrue();
            assertThat(matches("cafe 大阪", "Café東京")).isFalse();
            // a query token never spans two name tokens
            assertThat(matches("pizzerianapoli", "Pizzeria Napoli")).isFalse();
        }

        @Test
        void tokensSatisfiedElsewhereAreSkipped() {
            Keywords.Query query = Keywords.Query.of("coffee ritter");
            byte[] keys = Keywords.nameKeys("Ritter Sport");
            assertThat(query.matchesName(0, keys, 0, keys.length)).isFalse();
            assertThat(query.matchesName(0b01, keys, 0, keys.length)).isTrue(); // "coffee" matched the category
            // a range of a larger arena: only the bytes of [from, to) count
            byte[] arena = (" coffee" + " ritter sport").getBytes(StandardCharsets.UTF_8);
            assertThat(query.matchesName(0, arena, 7, arena.length)).isFalse();
            assertThat(query.matchesName(0, arena, 0, arena.length)).isTrue();
        }

        @Test
        void aSatisfiedBitStandsForOneTokenEvenBeyondSixtyFour() {
            // q may hold up to 100 characters; alternating scripts make each character its own token, so a
            // query can have more than 64 tokens. Token 0 satisfied by the category must not excuse token 64.
            StringBuilder q = new StringBuilder();
            StringBuilder name = new StringBuilder();
            for (int t = 0; t < 65; t++) {
                String token = t % 2 == 0 ? String.valueOf((char) ('a' + t / 2 % 26)) + (t / 52)
                        : String.valueOf((char) ('一' + t));
                q.append(token);
                if (t != 0 && t != 64) {
                    name.append(token).append(' ');
                }
            }
            Keywords.Query query = Keywords.Query.of(q.toString());
            assertThat(query.tokens()).hasSize(65);
            byte[] keys = Keywords.nameKeys(name.toString());
            assertThat(query.matchesName(1L, keys, 0, keys.length)).as("token 64 is missing from the name").isFalse();
            byte[] all = Keywords.nameKeys(name + query.tokens().get(64));
            assertThat(query.matchesName(1L, all, 0, all.length)).isTrue();
        }
    }

    @Nested
    class Categories {

        @Test
        void aTokenMatchesACategoryCodeAtThePartsOfItsCode() {
            Keywords.Query query = Keywords.Query.of("food fast shop caf");
            // bits in token order: food=1, fast=2, shop=4, caf=8
            assertThat(query.categoryMask("fast_food")).isEqualTo(0b0011);
            assertThat(query.categoryMask("coffee-shop")).isEqualTo(0b0100);
            assertThat(query.categoryMask("cafe")).isEqualTo(0b1000);
            assertThat(query.categoryMask("seafood")).isZero(); // "food" inside a part does not count
            assertThat(Keywords.Query.of("Coffee").categoryMask("coffee-shop")).isEqualTo(1);
            assertThat(Keywords.Query.of("fast_food").tokens()).containsExactly("fast", "food");
        }
    }

    /**
     * Random names and queries over a small alphabet mixing ASCII, accented letters, kana, Han and Hangul: the
     * byte matcher must agree with the rule stated on strings (a query token is a prefix of some name token, or
     * for Han/Kana/Hangul a substring of one), for every combination of already-satisfied tokens.
     */
    @Test
    void byteMatchingAgreesWithTheRuleOnTokens() {
        Random random = new Random(41);
        String[] pieces = {"a", "b", "ab", "é", "E", "ß", "s", "'", " ", " ", "-", "カ", "ガ", "東", "京", "국", "밥",
                "ー", "1", "Σ", "σ", "ς", "ｶ", "ﾞ"};
        int positives = 0;
        for (int round = 0; round < 20_000; round++) {
            String name = randomText(random, pieces, 1 + random.nextInt(12));
            String q = random.nextInt(3) == 0 ? fragmentOf(random, Keywords.tokens(name))
                    : randomText(random, pieces, 1 + random.nextInt(5));
            Keywords.Query query = Keywords.Query.of(q);
            List<String> nameTokens = Keywords.tokens(name);
            byte[] keys = Keywords.nameKeys(name);
            long satisfied = random.nextInt(4) == 0 ? random.nextLong() : 0;
            boolean expected = true;
            for (int t = 0; t < query.tokens().size(); t++) {
                if (t < 64 && (satisfied & (1L << t)) != 0) {
                    continue;
                }
                String token = query.tokens().get(t);
                boolean cjk = Keywords.isCjk(token.codePointAt(0));
                expected &= nameTokens.stream().anyMatch(n -> cjk ? n.contains(token) : n.startsWith(token));
            }
            assertThat(query.matchesName(satisfied, keys, 0, keys.length))
                    .as("q=%s name=%s satisfied=%x", q, name, satisfied).isEqualTo(expected);
            positives += expected ? 1 : 0;
        }
        assertThat(positives).as("the fixture must produce matches too").isGreaterThan(5_000);
    }

    /** A prefix (Latin) or substring (Han/Kana/Hangul) of a folded name token, refolded, still matches. */
    @Test
    void everyPrefixOfANameTokenMatchesTheName() {
        String[] names = {"Café de Flore", "Crème Brûlée", "Όσκαρ Σπύρος", "ΟΔΟΣ ΣΤΑΔΙΟΥ", "Straße", "İstanbul Kebap",
                "McDonald's", "할매국밥", "東京ラーメン", "ｶﾞｽﾄ", "São João", "Ёлка", "ﬁne Ⅻ"};
        for (String name : names) {
            byte[] keys = Keywords.nameKeys(name);
            for (String token : Keywords.tokens(name)) {
                int[] codePoints = token.codePoints().toArray();
                boolean cjk = Keywords.isCjk(codePoints[0]);
                for (int from = 0; from < (cjk ? codePoints.length : 1); from++) {
                    for (int to = from + 1; to <= codePoints.length; to++) {
                        String fragment = new String(codePoints, from, to - from);
                        Keywords.Query query = Keywords.Query.of(fragment);
                        assertThat(query.matchesName(0, keys, 0, keys.length))
                                .as("%s (folded %s) in %s", fragment, query.tokens(), name).isTrue();
                    }
                }
            }
        }
    }

    private static String randomText(Random random, String[] pieces, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /** One or two tokens of the name, Latin ones cut to a prefix, the others to a substring. */
    private static String fragmentOf(Random random, List<String> tokens) {
        if (tokens.isEmpty()) {
            return "x";
        }
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < 1 + random.nextInt(2); k++) {
            int[] cps = tokens.get(random.nextInt(tokens.size())).codePoints().toArray();
            int from = Keywords.isCjk(cps[0]) ? random.nextInt(cps.length) : 0;
            int to = from + 1 + random.nextInt(cps.length - from);
            parts.add(new String(cps, from, to - from));
        }
        return String.join(" ", parts);
    }

    @Test
    void theSignatureNeverRulesOutANameThatMatches() {
        // every prefix of every token and every Han/Kana/Hangul substring of these names matches them; each
        // word's signature bit must then be set in the name's signature (a miss here would lose a result)
        List<String> names = List.of("할매국밥 본점", "東京ラーメン一蘭", "すし処 まつ", "Café de Flore", "Όσκαρ Ταβέρνα",
                "Straße Bäckerei", "McDonald's 7-Eleven", "ＣＡＦＥ ＴＯＫＹＯ", "Москва Кафе", "a", "Z9",
                "กาแฟ ร้าน", "नमस्ते कैफ़े", "𠮷野家");
        Random random = new Random(5);
        for (String name : names) {
            byte[] keys = Keywords.nameKeys(name);
            long signature = Keywords.signature(keys, 0, keys.length);
            List<String> words = new ArrayList<>();
            for (String token : Keywords.tokens(name)) {
                for (int end = 1; end <= token.length(); end++) {
                    words.add(token.substring(0, end));
                    if (Keywords.isCjk(token.codePointAt(0))) {
                        int from = random.nextInt(end);
                        if (!Character.isLowSurrogate(token.charAt(from))) {
                            words.add(token.substring(from, end));
                        }
                    }
                }
            }
            for (String word : words) {
                Keywords.Query query = Keywords.Query.of(word);
                if (query.isEmpty() || !query.matchesName(0, keys, 0, keys.length)) {
                    continue;
                }
                for (byte[] pattern : query.patterns()) {
                    long bit = Keywords.signatureBit(pattern);
                    assertThat(signature & bit).as(name + " / " + word).isEqualTo(bit);
                }
            }
        }
    }

    @Test
    void theSignatureRulesOutMostNamesWithoutTheWord() {
        // a filter that passed everything would be correct and useless: of 1,000 three-word names, a word that
        // is in none of them passes the signature for only a few
        Random random = new Random(9);
        String letters = "abcdefghijklmnopqrstuvwxyz";
        int passed = 0;
        byte[] pattern = Keywords.Query.of("qx").patterns()[0];
        long bit = Keywords.signatureBit(pattern);
        for (int n = 0; n < 1_000; n++) {
            StringBuilder name = new StringBuilder();
            for (int w = 0; w < 3; w++) {
                name.append(' ');
                for (int c = 0; c < 6; c++) {
                    name.append(letters.charAt(random.nextInt(20))); // a to t: never "qx"
                }
            }
            byte[] keys = Keywords.nameKeys(name.toString());
            passed += (Keywords.signature(keys, 0, keys.length) & bit) == bit ? 1 : 0;
        }
        assertThat(passed).isLessThan(200);
    }
}
