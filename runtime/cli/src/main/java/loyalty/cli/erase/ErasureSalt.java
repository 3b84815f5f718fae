package loyalty.cli.erase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The deployment's pseudonym salt: {@code $LOYALTY_ERASURE_SALT} when set (production keeps it in its secret store),
 * else a random one kept in the work folder's {@code erasure.salt}, made on first use. It must never change, or
 * erasing again after a failure would give new pseudonyms.
 */
final class ErasureSalt {
    static final String ENV = "LOYALTY_ERASURE_SALT";
    static final String FILE = "erasure.salt";

    private ErasureSalt() {
    }

    static String of(Path workRoot) {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = workRoot.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the erasure salt " + file, e);
        }
    }
}
