package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: its architecture and conventions are in docs/architecture.md,
 * every relative link there leads to a file in the repository, and nothing cites a design document
 * the repository does not contain.
 */
class RepositoryDocumentsTest {

    /** deploy/local is two levels below the repository's root. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    static final Path ARCHITECTURE = ROOT.resolve("docs/architecture.md");

    private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?!https?:|#)([^)#\\s]+)");

    @Test
    void theArchitectureDocumentCoversTheConventionsEveryServiceShares() throws IOException {
        String text = Files.readString(ARCHITECTURE);

        assertThat(text)
                .contains("## Services and what each owns")
                .contains("## Events")
                .contains("<topic>.<consumer-group>.DLT")
                .contains("## Delivery guarantees")
                .contains("## Security model")
                .contains("## Running it")
                .contains("## How it is tested");
    }

    @Test
    void everyRelativeLinkInTheArchitectureDocumentLeadsToAFileHere() throws IOException {
        List<String> links = relativeLinks(ARCHITECTURE);

        assertThat(links).as("links found").hasSizeGreaterThan(5);
        for (String link : links) {
            assertThat(ARCHITECTURE.getParent().resolve(link).normalize()).as(link).exists();
        }
    }

    @Test
    void noFileCitesADesignDocumentOutsideTheRepository() {
        List<Path> scanned;
        try (Stream<Path> files = Files.walk(ROOT)) {
            scanned =
                    files.filter(Files::isRegularFile)
                            .filter(RepositoryDocumentsTest::isSourceOrDocument)
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> citing =
                scanned.stream()
                        .filter(file -> read(file).contains("DESIGN" + ".md"))
                        .map(ROOT::relativize)
                        .toList();

        assertThat(scanned)
                .as("the scan reads the repository's documents and sources")
                .hasSizeGreaterThan(100)
                .contains(ROOT.resolve("README.md"), ARCHITECTURE);
        assertThat(citing).isEmpty();
    }

    private static boolean isSourceOrDocument(Path file) {
        String path = ROOT.relativize(file).toString();
        if (path.startsWith(".git") || path.contains("/target/") || path.startsWith("data/")) {
            return false;
        }
        return path.endsWith(".md") || path.endsWith(".java") || path.endsWith(".yml");
    }

    private static List<String> relativeLinks(Path document) throws IOException {
        Matcher matcher = RELATIVE_LINK.matcher(Files.readString(document));
        List<String> links = new ArrayList<>();
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        return links;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
