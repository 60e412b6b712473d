package io.usage4j.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.usage4j.core.archfixture.UsesAssertj;
import io.usage4j.core.internal.FocusValues;
import io.usage4j.outside.UsesCoreInternal;
import org.junit.jupiter.api.Test;

/** Core depends on the JDK and itself only (Immutables annotations at compile time). */
@AnalyzeClasses(packages = "io.usage4j.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule CORE_DEPENDS_ON_THE_JDK_ONLY = classes()
            .that().resideInAPackage("io.usage4j.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.usage4j.core..", "org.immutables..")
            .because("core is the domain: no framework, no HTTP, no JSON library (ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule CORE_INTERNAL_STAYS_IN_CORE = noClasses()
            .that().resideOutsideOfPackage("io.usage4j.core..")
            .should().dependOnClassesThat().resideInAPackage("io.usage4j.core.internal..")
            .allowEmptyShould(true)
            .because("io.usage4j.core.internal is not API; module-info does not export it");

    @Test
    void theInternalRuleBitesCodeOutsideCore() {
        EvaluationResult result = CORE_INTERNAL_STAYS_IN_CORE.evaluate(
                new ClassFileImporter().importClasses(UsesCoreInternal.class, FocusValues.class, ChargeCategory.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(UsesCoreInternal.class.getName())
                .contains(FocusValues.class.getName()).doesNotContain("Method <" + ChargeCategory.class.getName());
    }

    @Test
    void theRuleSeesTheMainClasses() {
        JavaClasses main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.usage4j.core");
        assertThat(main.contain(UsageRecord.class)).isTrue();
        assertThat(main.contain(UsesAssertj.class)).isFalse();
        assertThat(CORE_DEPENDS_ON_THE_JDK_ONLY.evaluate(main).hasViolation()).isFalse();
    }

    @Test
    void theRuleBitesACoreClassThatImportsALibrary() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsesAssertj.class);
        EvaluationResult result = CORE_DEPENDS_ON_THE_JDK_ONLY.evaluate(bad);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(UsesAssertj.class.getName()).contains("org.assertj");
    }
}
