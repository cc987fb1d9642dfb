package dev.cliproxy.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rule of the design, checked on the built classes of every module: {@code host -> plugin-api <- plugins},
 * {@code host, plugins -> formats -> plugin-api} only where a plugin's pom declares formats, plugin-api free of
 * Undertow and of everything the host or formats define, and no package cycle anywhere.
 */
class ArchitectureIT {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cliproxy");
    }

    @Test
    void pluginApiDependsOnNothingOfOursAndNeverOnUndertow() {
        noClasses().that().resideInAPackage("dev.cliproxy.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cliproxy.formats..", "dev.cliproxy.host..",
                        "dev.cliproxy.plugin..", "io.undertow..", "org.xnio..", "okhttp3..")
                .check(classes);
    }

    @Test
    void formatsDependOnlyOnThePluginApi() {
        noClasses().that().resideInAPackage("dev.cliproxy.formats..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cliproxy.host..", "dev.cliproxy.plugin..",
                        "io.undertow..", "okhttp3..")
                .check(classes);
    }

    @Test
    void hostNeverImportsAPluginAndPluginsNeverImportTheHost() {
        noClasses().that().resideInAPackage("dev.cliproxy.host..")
                .should().dependOnClassesThat().resideInAPackage("dev.cliproxy.plugin..").check(classes);
        noClasses().that().resideInAPackage("dev.cliproxy.plugin..")
                .should().dependOnClassesThat().resideInAPackage("dev.cliproxy.host..").check(classes);
    }

    @Test
    void theExamplePluginUsesNothingButPluginApi() {
        noClasses().that().resideInAPackage("dev.cliproxy.examples..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cliproxy.host..", "dev.cliproxy.formats..",
                        "dev.cliproxy.plugin..").check(classes);
    }

    @Test
    void pluginsUseFormatsOnlyWhereTheirPomDeclaresIt() throws IOException {
        Set<String> using = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.getPackageName().startsWith("dev.cliproxy.plugin.") && c.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("dev.cliproxy.formats"))) {
                using.add(c.getPackageName().split("\\.")[3]);
            }
        }
        Set<String> declaring = new TreeSet<>();
        try (Stream<Path> poms = Files.list(Path.of("..", "plugins"))) {
            for (Path dir : poms.filter(Files::isDirectory).toList()) {
                Path pom = dir.resolve("pom.xml");
                if (Files.exists(pom) && Files.readString(pom).contains("<artifactId>formats</artifactId>")) {
                    declaring.add(dir.getFileName().toString().replace("-", ""));
                }
            }
        }
        assertEquals(declaring, using, "plugins using formats vs plugins declaring it in their pom");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.cliproxy.(**)").should().beFreeOfCycles().check(classes);
    }
}
