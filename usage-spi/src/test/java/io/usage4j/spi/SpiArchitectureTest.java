package io.usage4j.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.usage4j.outside.UsesSpiInternal;
import io.usage4j.spi.archfixture.KnowsAProvider;
import io.usage4j.spi.internal.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Layering of the spi, over the main classes of core and spi: the spi knows no provider; internal
 * packages are used only by their own module; and the user-facing package io.usage4j.spi shows no
 * Feign, Jackson or Failsafe type in a public signature (io.usage4j.spi.kit, the plugin-facing kit, may).
 */
@AnalyzeClasses(packages = "io.usage4j", importOptions = ImportOption.DoNotIncludeTests.class)
class SpiArchitectureTest {
    private static final String[] LIBRARIES = {"feign..", "com.fasterxml.jackson..", "dev.failsafe.."};

    @ArchTest
    static final ArchRule SPI_KNOWS_NO_PROVIDER = noClasses()
            .that().resideInAPackage("io.usage4j.spi..")
            .should().dependOnClassesThat().resideInAPackage("io.usage4j.provider..")
            .because("providers depend on the spi, never the other way round");

    @ArchTest
    static final ArchRule SPI_INTERNAL_STAYS_IN_SPI = noClasses()
            .that().resideOutsideOfPackage("io.usage4j.spi..")
            .should().dependOnClassesThat().resideInAPackage("io.usage4j.spi.internal..")
            .because("io.usage4j.spi.internal is not API; module-info does not export it");

    /** The same rule as core's own test; here it also sees the spi's classes. */
    @ArchTest
    static final ArchRule CORE_INTERNAL_STAYS_IN_CORE = noClasses()
            .that().resideOutsideOfPackage("io.usage4j.core..")
            .should().dependOnClassesThat().resideInAPackage("io.usage4j.core.internal..")
            .because("io.usage4j.core.internal is not API; module-info does not export it");

    @ArchTest
    static final ArchRule USER_FACING_SIGNATURES_SHOW_NO_LIBRARY_TYPE = classes()
            .that().resideInAPackage("io.usage4j.spi").and().arePublic()
            .should(showNoLibraryTypeInPublicSignatures())
            .because("embedders must never have to touch Feign, Jackson or Failsafe (ARCHITECTURE.md)");

    private static ArchCondition<JavaClass> showNoLibraryTypeInPublicSignatures() {
        return new ArchCondition<>("show no Feign, Jackson or Failsafe type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                type.getSuperclass().ifPresent(superclass -> collect(superclass, "superclass", leaks));
                for (JavaType implemented : type.getInterfaces()) {
                    collect(implemented, "interface", leaks);
                }
                for (JavaMember member : type.getMembers()) {
                    Set<JavaModifier> modifiers = member.getModifiers();
                    if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        collect(field.getType(), field.getFullName(), leaks);
                    } else if (member instanceof JavaCodeUnit code) {
                        if (code instanceof JavaMethod method) {
                            collect(method.getReturnType(), method.getFullName() + " return type", leaks);
                        }
                        for (JavaType parameter : code.getParameterTypes()) {
                            collect(parameter, code.getFullName() + " parameter", leaks);
                        }
                        for (JavaClass thrown : code.getThrowsClause().getTypes()) {
                            collect(thrown, code.getFullName() + " throws", leaks);
                        }
                    }
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(type, leak));
                }
            }
        };
    }

    private static void collect(JavaType type, String where, List<String> leaks) {
        for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            String name = involved.getPackageName();
            for (String library : LIBRARIES) {
                String prefix = library.substring(0, library.length() - 2);
                if (name.equals(prefix) || name.startsWith(prefix + ".")) {
                    leaks.add(where + " shows " + involved.getName());
                }
            }
        }
    }

    // --- each rule bites -----------------------------------------------------------------------

    private static JavaClasses importOnly(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static String failures(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as("%s must report a violation", rule.getDescription()).isTrue();
        return result.getFailureReport().toString();
    }

    @Test
    void theProviderRuleBites() {
        assertThat(failures(SPI_KNOWS_NO_PROVIDER, importOnly(KnowsAProvider.class)))
                .contains(KnowsAProvider.class.getName()).contains("io.usage4j.provider.fake.FakeProviderType");
    }

    @Test
    void theSpiInternalRuleBites() {
        assertThat(failures(SPI_INTERNAL_STAYS_IN_SPI, importOnly(UsesSpiInternal.class)))
                .contains(UsesSpiInternal.class.getName()).contains(Redactor.class.getName());
        assertThat(SPI_INTERNAL_STAYS_IN_SPI.allowEmptyShould(true).evaluate(importOnly(UsageSources.class, Redactor.class)).hasViolation())
                .as("the spi itself may use its internals").isFalse();
    }

    @Test
    void theSignatureRuleBites() {
        String report = failures(USER_FACING_SIGNATURES_SHOW_NO_LIBRARY_TYPE, importOnly(LeaksLibraryTypes.class));
        assertThat(report).contains("tree()").contains("com.fasterxml.jackson.databind.JsonNode")
                .contains("dev.failsafe.RetryPolicy")
                .doesNotContain("hidden()").doesNotContain("packagePrivate()");
    }

    @Test
    void theSignatureRuleLeavesTheKitAlone() {
        JavaClasses kit = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.usage4j.spi.kit");
        assertThat(kit.contain(io.usage4j.spi.kit.ErrorBodyReader.class)).isTrue();
        assertThat(USER_FACING_SIGNATURES_SHOW_NO_LIBRARY_TYPE.allowEmptyShould(true).evaluate(kit).hasViolation()).isFalse();
    }

    @Test
    void theRulesSeeTheRealClasses() {
        JavaClasses main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.usage4j");
        assertThat(main.contain(UsageSources.class)).isTrue();
        assertThat(main.contain(io.usage4j.core.UsageRecord.class)).isTrue();
        assertThat(main.contain(LeaksLibraryTypes.class)).isFalse();
        assertThat(main.contain(KnowsAProvider.class)).isFalse();
    }
}
