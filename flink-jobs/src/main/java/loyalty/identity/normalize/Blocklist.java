package loyalty.identity.normalize;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identifiers to ignore because many people share them (SPEC §3, §13.6): {@code *}-globs on normalised values per
 * type, plus, when enabled, phones of one repeated digit. {@code *} matches any run of characters, empty included;
 * every other character, {@code ?} and {@code .} too, matches only itself.
 */
public final class Blocklist implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Fewer digits than this cannot be a phone number anyway; leave those to the phone rule's own verdict. */
    static final int MIN_REPEATED_DIGITS = 4;

    private final BlocklistConfig config;
    private final Map<IdentifierType, List<Glob>> globs = new EnumMap<>(IdentifierType.class);

    public Blocklist(BlocklistConfig config) {
        this.config = config;
        for (IdentifierType type : IdentifierType.values()) {
            List<Glob> compiled = new ArrayList<>();
            for (String glob : config.globs(type)) {
                String folded = fold(type, glob.strip());
                compiled.add(new Glob(folded, compile(folded)));
            }
            globs.put(type, List.copyOf(compiled));
        }
    }

    public static Blocklist of(BlocklistConfig config) {
        return new Blocklist(config);
    }

    public BlocklistConfig config() {
        return config;
    }

    /**
     * Why a normalised value is blocked, or empty when it is not. For phones the value is E.164 and the
     * repeated-digit rule looks at its national number ({@code +15555555555} is {@code 5555555555}).
     */
    public Optional<String> blocks(IdentifierType type, String normalised) {
        for (Glob glob : globs.get(type)) {
            if (glob.pattern().matcher(normalised).matches()) {
                return Optional.of(type + " matches blocklist entry " + glob.text());
            }
        }
        if (type == IdentifierType.PHONE && config.repeatedDigitPhones()
                && oneRepeatedDigit(PhoneNormalizer.nationalNumber(normalised))) {
            return Optional.of("phone is one repeated digit");
        }
        return Optional.empty();
    }

    /**
     * The repeated-digit rule on a phone as typed: most such fillers ("0000000000", "999-999-9999") are not even
     * valid numbers, but they are junk rather than typos, and are counted as blocked.
     */
    public boolean blocksRawPhone(String raw) {
        return config.repeatedDigitPhones() && oneRepeatedDigit(raw.replaceAll("\\D", ""));
    }

    static boolean oneRepeatedDigit(String digits) {
        return digits.length() >= MIN_REPEATED_DIGITS && digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    private static String fold(IdentifierType type, String glob) {
        return switch (type) {
            case EMAIL -> glob.toLowerCase(Locale.ROOT);
            // The card rule itself, so "6047-0000-*" is written as tills print it and still matches.
            case CARD -> CardNormalizer.normalize(glob).value().orElse(glob);
            default -> glob;
        };
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(glob.substring(start, star)));
            }
            regex.append(".*");
            start = star + 1;
        }
        if (start < glob.length()) {
            regex.append(Pattern.quote(glob.substring(start)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private record Glob(String text, Pattern pattern) implements Serializable {
    }

    @Override
    public String toString() {
        return "Blocklist" + config;
    }
}
