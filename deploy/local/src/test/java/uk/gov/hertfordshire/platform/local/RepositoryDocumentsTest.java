package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Subscription;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The repository explains itself: its architecture and conventions are in docs/architecture.md,
 * every relative link there leads to a file in the repository, nothing cites a design document the
 * repository does not contain, and the README's architecture diagram draws the topics each service
 * reads and publishes as deploy/topology.yaml declares them.
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

    @Test
    void theReadmeDiagramDrawsEveryTopicEachServiceReadsAndEveryPublisher() throws IOException {
        Topology topology = Topology.load(ROOT.resolve(Topology.DECLARATION));
        Diagram drawn = Diagram.of(ROOT.resolve("README.md"));

        Map<String, Set<String>> reads = new TreeMap<>();
        Set<String> publishers = new TreeSet<>();
        for (Component service : topology.services()) {
            Set<String> topics = new TreeSet<>(service.follows());
            service.subscriptions().stream().map(Subscription::topic).forEach(topics::add);
            if (!topics.isEmpty()) {
                reads.put(service.name(), topics);
            }
            if (!service.publishes().isEmpty()) {
                publishers.add(service.name());
            }
        }

        assertThat(reads).as("what the topology declares").containsKeys("gateway", "care-service");
        assertThat(drawn.reads()).as("Kafka's arrows to each service").isEqualTo(reads);
        assertThat(drawn.publishers())
                .as("the services drawn publishing to Kafka")
                .isEqualTo(publishers);
    }

    @Test
    void theDecisionIndexLinksEveryDecisionRecord() throws IOException {
        Path decisions = ROOT.resolve("docs/adr");
        Set<String> records;
        try (Stream<Path> files = Files.list(decisions)) {
            records =
                    files.map(f -> f.getFileName().toString())
                            .filter(name -> name.matches("\\d{4}-.*\\.md"))
                            .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> linked = new TreeSet<>(relativeLinks(decisions.resolve("README.md")));

        assertThat(records).as("decision records found").hasSizeGreaterThan(40);
        assertThat(linked).containsAll(records);
        for (String link : linked) {
            assertThat(decisions.resolve(link)).as(link).exists();
        }
    }

    /**
     * The README's first Mermaid flowchart: nodes named by a component ({@code cases[case-service
     * :8081]}), Kafka's node {@code k}, and the arrows between them with the topics in their
     * labels.
     */
    record Diagram(Map<String, Set<String>> reads, Set<String> publishers) {

        private static final Pattern NODE = Pattern.compile("(\\w+)\\[([a-z][a-z-]*)[ \\]]");
        private static final Pattern FROM_KAFKA =
                Pattern.compile("^\\s*k\\s*-->\\|([^|]*)\\|\\s*(\\w+)", Pattern.MULTILINE);
        private static final Pattern TO_KAFKA =
                Pattern.compile(
                        "^\\s*(\\w+)(?:\\[[^\\]]*\\])?\\s*-->\\|[^|]*\\|\\s*k\\b",
                        Pattern.MULTILINE);
        private static final Pattern TOPIC = Pattern.compile("[a-z]+(?:\\.[a-z]+)*\\.events");

        static Diagram of(Path document) throws IOException {
            String text = Files.readString(document);
            int start = text.indexOf("```mermaid");
            String chart = text.substring(start, text.indexOf("```", start + 3));
            Map<String, String> names = new TreeMap<>();
            Matcher node = NODE.matcher(chart);
            while (node.find()) {
                names.putIfAbsent(node.group(1), node.group(2));
            }
            Map<String, Set<String>> reads = new TreeMap<>();
            Matcher edge = FROM_KAFKA.matcher(chart);
            while (edge.find()) {
                Matcher topic = TOPIC.matcher(edge.group(1));
                while (topic.find()) {
                    reads.computeIfAbsent(name(names, edge.group(2)), n -> new TreeSet<>())
                            .add(topic.group());
                }
            }
            Set<String> publishers = new TreeSet<>();
            Matcher out = TO_KAFKA.matcher(chart);
            while (out.find()) {
                publishers.add(name(names, out.group(1)));
            }
            return new Diagram(reads, publishers);
        }

        private static String name(Map<String, String> names, String id) {
            assertThat(names).as("a node named by its component").containsKey(id);
            return names.get(id);
        }
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
