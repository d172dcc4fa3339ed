package uk.gov.hertfordshire.analytics.measures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV (quoted where needed, CRLF) that is safe to open in a spreadsheet: a text cell
 * starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so it is
 * shown as text and never run as a formula (OWASP "CSV injection"). Numbers are written as numbers.
 */
final class SafeCsv implements AutoCloseable {

    private final CSVPrinter printer;

    SafeCsv(Writer writer, String... header) {
        try {
            this.printer =
                    new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record; {@code Number}s stay numbers, everything else is text and is guarded. */
    void row(Object... cells) {
        List<Object> values = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            values.add(cell == null || cell instanceof Number ? cell : guard(cell.toString()));
        }
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String guard(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
