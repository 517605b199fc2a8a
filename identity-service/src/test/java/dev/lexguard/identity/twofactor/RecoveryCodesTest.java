package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    private final RecoveryCodes recoveryCodes = new RecoveryCodes();
    private final RecoveryCodeSet set = recoveryCodes.generate();
    private final List<StoredRecoveryCode> stored = unused(set);

    @Test
    void tenCodesAreGenerated() {
        assertThat(set.codes()).hasSize(10);
        assertThat(set.hashes()).hasSize(10);
        assertThat(RecoveryCodes.COUNT).isEqualTo(10);
    }

    @Test
    void codesAreDistinct() {
        assertThat(new HashSet<>(set.codes())).hasSize(10);
        assertThat(new HashSet<>(set.hashes())).hasSize(10);
    }

    @Test
    void codesAreShownInFourGroupsOfFour() {
        assertThat(set.codes()).allSatisfy(code -> assertThat(code).matches("[" + RecoveryCodes.ALPHABET + "]{4}(-[" + RecoveryCodes.ALPHABET + "]{4}){3}"));
    }

    @Test
    void eachCodeCarriesAtLeast80BitsOfEntropy() {
        int symbols = RecoveryCodes.ALPHABET.length();
        long distinctSymbols = RecoveryCodes.ALPHABET.chars().distinct().count();
        double bits = RecoveryCodes.CODE_LENGTH * (Math.log(symbols) / Math.log(2));

        assertThat(distinctSymbols).isEqualTo(symbols);
        assertThat(symbols).isEqualTo(32);
        assertThat(bits).isGreaterThanOrEqualTo(80.0);
        assertThat(RecoveryCodes.bitsPerCode()).isEqualTo(bits);
        assertThat(RecoveryCodes.normalise(set.codes().get(0)).orElseThrow()).hasSize(RecoveryCodes.CODE_LENGTH);
    }

    @Test
    void alphabetHasNoLookAlikes() {
        assertThat(RecoveryCodes.ALPHABET).doesNotContain("0", "O", "1", "I");
    }

    @Test
    void everySymbolOfTheAlphabetIsUsed() {
        HashSet<Character> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            for (String code : recoveryCodes.generate().codes()) {
                code.chars().filter(c -> c != '-').forEach(c -> seen.add((char) c));
            }
        }
        assertThat(seen).hasSize(32);
    }

    @Test
    void eachGeneratedCodeVerifiesAtItsIndex() {
        for (int i = 0; i < set.codes().size(); i++) {
            assertThat(RecoveryCodes.verify(set.codes().get(i), stored)).hasValue(i);
        }
    }

    @Test
    void codeWithSpacesInsteadOfDashesIsAccepted() {
        String code = set.codes().get(3);

        assertThat(RecoveryCodes.verify(code.replace('-', ' '), stored)).hasValue(3);
    }

    @Test
    void lowerCaseCodeIsAccepted() {
        String code = set.codes().get(4);

        assertThat(RecoveryCodes.verify(code.toLowerCase(Locale.ROOT), stored)).hasValue(4);
    }

    @Test
    void codeWithoutDashesIsAccepted() {
        String code = set.codes().get(5);

        assertThat(RecoveryCodes.verify(code.replace("-", ""), stored)).hasValue(5);
        assertThat(RecoveryCodes.verify("  " + code.replace("-", "").toLowerCase(Locale.ROOT) + "\n", stored)).hasValue(5);
    }

    @Test
    void normalisationStripsCaseDashesAndSpaces() {
        assertThat(RecoveryCodes.normalise("ABCD EFGH JKLM NPQR")).hasValue("ABCDEFGHJKLMNPQR");
        assertThat(RecoveryCodes.normalise("abcd-efgh-jklm-npqr")).hasValue("ABCDEFGHJKLMNPQR");
        assertThat(RecoveryCodes.normalise("abcdefghjklmnpqr")).hasValue("ABCDEFGHJKLMNPQR");
        assertThat(RecoveryCodes.normalise(" Ab-Cd EfGh--JKLM\tnpqr ")).hasValue("ABCDEFGHJKLMNPQR");
    }

    @Test
    void normalisationRejectsWrongLengthsAndSymbols() {
        assertThat(RecoveryCodes.normalise(null)).isEmpty();
        assertThat(RecoveryCodes.normalise("")).isEmpty();
        assertThat(RecoveryCodes.normalise("ABCD-EFGH-JKLM-NPQ")).isEmpty();
        assertThat(RecoveryCodes.normalise("ABCD-EFGH-JKLM-NPQRS")).isEmpty();
        assertThat(RecoveryCodes.normalise("ABCD-EFGH-JKLM-NPQ0")).isEmpty();
        assertThat(RecoveryCodes.normalise("ABCD-EFGH-JKLM-NPQı")).isEmpty();
        assertThat(RecoveryCodes.normalise("ABCD-EFGH-JKLM-NPQ٢")).isEmpty();
    }

    @Test
    void formatGroupsANormalisedCode() {
        assertThat(RecoveryCodes.format("ABCDEFGHJKLMNPQR")).isEqualTo("ABCD-EFGH-JKLM-NPQR");
    }

    @Test
    void wrongCodeFails() {
        String code = RecoveryCodes.normalise(set.codes().get(0)).orElseThrow();
        char last = code.charAt(code.length() - 1);
        char other = RecoveryCodes.ALPHABET.charAt((RecoveryCodes.ALPHABET.indexOf(last) + 1) % 32);

        assertThat(RecoveryCodes.verify(code.substring(0, code.length() - 1) + other, stored)).isEmpty();
        assertThat(RecoveryCodes.verify(recoveryCodes.generate().codes().get(0), stored)).isEmpty();
    }

    @Test
    void malformedInputFailsWithoutAnException() {
        assertThat(RecoveryCodes.verify(null, stored)).isEmpty();
        assertThat(RecoveryCodes.verify("", stored)).isEmpty();
        assertThat(RecoveryCodes.verify("123456", stored)).isEmpty();
    }

    @Test
    void usedCodeFails() {
        List<StoredRecoveryCode> afterUse = new ArrayList<>(stored);
        afterUse.set(2, new StoredRecoveryCode(set.hashes().get(2), true));

        assertThat(RecoveryCodes.verify(set.codes().get(2), afterUse)).isEmpty();
        assertThat(RecoveryCodes.verify(set.codes().get(1), afterUse)).hasValue(1);
    }

    @Test
    void codesOfAPreviousSetFail() {
        List<StoredRecoveryCode> regenerated = unused(recoveryCodes.generate());

        assertThat(set.codes()).allSatisfy(code -> assertThat(RecoveryCodes.verify(code, regenerated)).isEmpty());
    }

    @Test
    void corruptStoredHashNeverMatchesNorThrows() {
        List<StoredRecoveryCode> corrupt = List.of(
                new StoredRecoveryCode("", false),
                new StoredRecoveryCode("v1..", false),
                new StoredRecoveryCode("v2.AAAA.AAAA", false),
                new StoredRecoveryCode("v1.!!.!!", false));

        assertThat(RecoveryCodes.verify(set.codes().get(0), corrupt)).isEmpty();
    }

    @Test
    void hashIsSalted() {
        String code = RecoveryCodes.normalise(set.codes().get(0)).orElseThrow();

        String first = recoveryCodes.hash(code);
        String second = recoveryCodes.hash(code);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\.")[1]).isNotEqualTo(second.split("\\.")[1]);
        assertThat(RecoveryCodes.verify(code, List.of(new StoredRecoveryCode(first, false)))).hasValue(0);
        assertThat(RecoveryCodes.verify(code, List.of(new StoredRecoveryCode(second, false)))).hasValue(0);
    }

    @Test
    void hashesDoNotContainTheCode() {
        for (int i = 0; i < set.codes().size(); i++) {
            String normalised = RecoveryCodes.normalise(set.codes().get(i)).orElseThrow();
            assertThat(set.hashes().get(i)).doesNotContain(normalised).doesNotContain(set.codes().get(i));
        }
    }

    @Test
    void remainingCountsUnusedCodes() {
        List<StoredRecoveryCode> codes = new ArrayList<>(stored);
        assertThat(RecoveryCodes.remaining(codes)).isEqualTo(10);

        for (int i = 0; i < 7; i++) {
            codes.set(i, new StoredRecoveryCode(codes.get(i).hash(), true));
        }

        assertThat(RecoveryCodes.remaining(codes)).isEqualTo(3);
    }

    @Test
    void threeOrFewerRemainingIsRunningLow() {
        assertThat(RecoveryCodes.LOW_THRESHOLD).isEqualTo(3);
        assertThat(RecoveryCodes.isRunningLow(4)).isFalse();
        assertThat(RecoveryCodes.isRunningLow(3)).isTrue();
        assertThat(RecoveryCodes.isRunningLow(0)).isTrue();

        List<StoredRecoveryCode> codes = new ArrayList<>(stored);
        assertThat(RecoveryCodes.isRunningLow(codes)).isFalse();
        for (int i = 0; i < 7; i++) {
            codes.set(i, new StoredRecoveryCode(codes.get(i).hash(), true));
        }
        assertThat(RecoveryCodes.isRunningLow(codes)).isTrue();
    }

    @Test
    void toStringOfASetHidesTheCodes() {
        assertThat(set.toString()).doesNotContain(set.codes().get(0)).contains("redacted");
    }

    private static List<StoredRecoveryCode> unused(RecoveryCodeSet set) {
        return set.hashes().stream().map(hash -> new StoredRecoveryCode(hash, false)).toList();
    }
}
