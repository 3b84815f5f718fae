package loyalty.feeds.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-delimited records as bytes, keeping at most {@code keepBytes} of each line, so one enormous line
 * cannot exhaust memory: the caller sees its first bytes and its true length, and can dead-letter it as oversize.
 */
final class BoundedLineReader implements AutoCloseable {
    private final InputStream in;
    private final int keepBytes;
    private long bytesRead;

    BoundedLineReader(InputStream in, int keepBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.keepBytes = keepBytes;
    }

    record Line(byte[] kept, long length) {
        boolean truncated() {
            return length > kept.length;
        }

        boolean isBlank() {
            if (length != kept.length) {
                return false;
            }
            for (byte b : kept) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    /** The next line without its terminator, or null at the end of the input. */
    Line next() throws IOException {
        byte[] buffer = new byte[Math.min(keepBytes, 4096)];
        int kept = 0;
        long length = 0;
        int b;
        while ((b = in.read()) != -1) {
            bytesRead++;
            if (b == '\n') {
                return finish(buffer, kept, length);
            }
            if (kept < keepBytes) {
                if (kept == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(keepBytes, buffer.length * 2));
                }
                buffer[kept++] = (byte) b;
            }
            length++;
        }
        return length == 0 ? null : finish(buffer, kept, length);
    }

    long bytesRead() {
        return bytesRead;
    }

    private static Line finish(byte[] buffer, int kept, long length) {
        // Tolerate CRLF files: the CR belongs to the terminator, not to the record.
        if (kept > 0 && kept == length && buffer[kept - 1] == '\r') {
            return new Line(Arrays.copyOf(buffer, kept - 1), length - 1);
        }
        return new Line(Arrays.copyOf(buffer, kept), length);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
