package loyalty.feeds.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import loyalty.contract.publish.EventPublisher;
import loyalty.contract.validation.EventValidator;
import loyalty.contract.validation.RejectReason;
import loyalty.contract.validation.Validation;
import loyalty.feeds.IngestReport;
import loyalty.feeds.RecordTally;

/**
 * Ingests a channel feed file in JSON Lines: every line is one event, validated and sent to its topic or to the
 * dead-letter topic with its file and line number. A bad line never stops the file; the good lines all go through.
 */
public final class JsonLinesIngest {
    private final EventPublisher publisher;
    /** The validator's own limit: a longer line is cut here already, so memory stays bounded. */
    private final int maxRecordBytes = EventValidator.DEFAULT_MAX_BYTES;

    public JsonLinesIngest(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Ingests one file and waits until Kafka acknowledged every record of it.
     *
     * @param progress told the number of bytes read so far, for progress bars
     */
    public IngestReport ingest(Path file, LongConsumer progress) throws IOException {
        String source = "file:" + file.getFileName();
        RecordTally tally = new RecordTally();
        // One byte over the limit is enough to know a line is oversize; the validator reports it.
        try (InputStream in = Files.newInputStream(file);
             BoundedLineReader reader = new BoundedLineReader(in, maxRecordBytes + 1)) {
            long lineNumber = 0;
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    tally.blankLine();
                    continue;
                }
                String position = "line:" + lineNumber;
                if (line.truncated()) {
                    String detail = line.length() + " bytes > limit " + maxRecordBytes + " (first "
                            + line.kept().length + " bytes kept)";
                    publisher.deadLetter(line.kept(), RejectReason.OVERSIZE, detail, source, position);
                    tally.count(Validation.rejected(RejectReason.OVERSIZE, detail));
                } else {
                    tally.count(publisher.publish(line.kept(), source, position));
                }
                if ((lineNumber & 1023) == 0) {
                    progress.accept(reader.bytesRead());
                }
            }
            progress.accept(reader.bytesRead());
        }
        publisher.flush();
        return tally.report(source);
    }
}
