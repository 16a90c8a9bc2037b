package io.github.ralphresume.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the hexagon honest where Maven's module graph cannot. */
class HexagonRulesTest {
  static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.ralphresume");
  }

  @Test
  void domainDependsOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("io.github.ralphresume.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.github.ralphresume.domain..", "java..")
        .check(production);
  }

  @Test
  void adaptersDependOnNeitherEachOtherNorApps() {
    noClasses()
        .that()
        .resideInAPackage("io.github.ralphresume.adapters.fs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.ralphresume.adapters.tmux..", "io.github.ralphresume.app..")
        .check(production);
    noClasses()
        .that()
        .resideInAPackage("io.github.ralphresume.adapters.tmux..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.ralphresume.adapters.fs..", "io.github.ralphresume.app..")
        .check(production);
  }

  @Test
  void appsDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.github.ralphresume.app.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.ralphresume.app.http..")
        .check(production);
    noClasses()
        .that()
        .resideInAPackage("io.github.ralphresume.app.http..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.ralphresume.app.cli..")
        .check(production);
  }

  @Test
  void domainModelHoldsOnlyRecordsEnumsAndSealedInterfaces() {
    classes()
        .that()
        .resideInAPackage("io.github.ralphresume.domain.model..")
        .should(
            new ArchCondition<JavaClass>("be a record, an enum or a sealed interface") {
              @Override
              public void check(JavaClass javaClass, ConditionEvents events) {
                Class<?> type = javaClass.reflect();
                boolean ok =
                    type.isRecord()
                        || type.isEnum()
                        || (type.isInterface() && type.isSealed())
                        || isEnumConstantBody(type);
                if (!ok) {
                  events.add(
                      SimpleConditionEvent.violated(
                          javaClass,
                          javaClass.getName() + " is neither a record, an enum nor sealed"));
                }
              }
            })
        .check(production);
  }

  private static boolean isEnumConstantBody(Class<?> type) {
    return type.getSuperclass() != null && type.getSuperclass().isEnum();
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.github.ralphresume.(**)").should().beFreeOfCycles().check(production);
  }

  @Test
  void jnaStaysInTheTmuxAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.github.ralphresume.adapters.tmux..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.jna..")
        .check(production);
  }

  @Test
  void jacksonStaysWhereJsonIsReadOrServed() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.github.ralphresume.adapters.fs..", "io.github.ralphresume.app.http..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .check(production);
  }
}
