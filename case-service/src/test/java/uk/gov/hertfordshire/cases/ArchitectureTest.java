package uk.gov.hertfordshire.cases;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of case-service: feature packages that depend on each other without cycles, resting on
 * the {@code servicecase} package, which owns the case row and depends on none of them.
 */
class ArchitectureTest {

    private static final String ROOT = "uk.gov.hertfordshire.cases";

    /** A string literal (SQL in this code base) that names the case table. */
    private static final Pattern CASE_TABLE_IN_SQL =
            Pattern.compile("\"[^\"\\n]*\\bservice_case\\b[^\"\\n]*\"");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(ROOT);
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCasePackageDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".servicecase..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage(ROOT + "..")
                                .and(not(resideInAPackage(ROOT + ".servicecase.."))))
                .check(classes);
    }

    @Test
    void onlyTheCasePackageWritesSqlAgainstTheCaseTable() throws IOException {
        Path main = Path.of("src/main/java/uk/gov/hertfordshire/cases");
        List<String> outside;
        try (Stream<Path> files = Files.walk(main)) {
            outside =
                    files.filter(file -> file.toString().endsWith(".java"))
                            .filter(file -> !file.startsWith(main.resolve("servicecase")))
                            .filter(ArchitectureTest::namesTheCaseTableInSql)
                            .map(file -> main.relativize(file).toString())
                            .toList();
        }
        assertThat(outside).as("classes with SQL against service_case").isEmpty();
    }

    private static boolean namesTheCaseTableInSql(Path file) {
        try {
            return CASE_TABLE_IN_SQL.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
