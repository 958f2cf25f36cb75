package io.segmentgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The arrows of src/main run one way: no package imports one that imports it back (directly or around a loop),
 * the shared vocabulary (http, config) imports no feature, and the package that wires everything (this one) is
 * imported by nothing. A change that breaks a rule fails here, with the classes that tie the loop.
 */
class ArchitectureTest {

  private static final String BASE = "io.segmentgateway";
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages(BASE);

  @Test
  void noPackageCycles() {
    slices().matching(BASE + ".(**)")
        .should().beFreeOfCycles()
        .check(MAIN);
  }

  @Test
  void theSharedVocabularyImportsNoFeature() {
    classes().that().resideInAnyPackage(BASE + ".http", BASE + ".config")
        .should().onlyDependOnClassesThat().resideOutsideOfPackages(BASE + ".auth..", BASE + ".segment..",
            BASE + ".ops..", BASE + ".telemetry..", BASE + ".db..", BASE + ".edge..")
        .check(MAIN);
  }

  @Test
  void theEdgeKnowsOnlyTheHttpVocabulary() {
    classes().that().resideInAPackage(BASE + ".edge")
        .should().onlyDependOnClassesThat().resideOutsideOfPackages(BASE + ".auth..", BASE + ".segment..",
            BASE + ".ops..", BASE + ".telemetry..", BASE + ".db..", BASE + ".config..")
        .check(MAIN);
  }

  @Test
  void theWiringIsImportedByNothing() {
    noClasses().that().resideOutsideOfPackage(BASE)
        .should().dependOnClassesThat().resideInAPackage(BASE)
        .check(MAIN);
  }

  @Test
  void theWireEncodersKnowNoDomain() {
    noClasses().that().resideInAPackage(BASE + ".segment.wire")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".segment", BASE + ".segment.batch")
        .check(MAIN);
  }
}
