// Think twice before loosening a rule here: each one keeps a service replaceable and its data its own. If a rule is
// in your way, the dependency you are adding is probably in the wrong place; ask in review before changing this file.
package io.pillar.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import io.pillar.stack.Layout;

/** The layering rules of STYLE.md, over the compiled classes of every module. */
class LayeringRulesTest {
    private static final List<String> SERVICES = List.of("inventory", "findings", "identity", "response");
    /** Panache's methods that take a query string as their first argument. */
    private static final Set<String> PANACHE_QUERIES = Set.of("find", "list", "stream", "count", "update", "delete",
            "exists");
    private static JavaClasses classes;
    private static JavaClasses contracts;
    private static JavaClasses platform;

    @BeforeAll
    static void importClasses() {
        Path repo = Layout.findRepo(Path.of("").toAbsolutePath());
        contracts = new ClassFileImporter().importPath(repo.resolve("contracts/target/classes"));
        platform = new ClassFileImporter().importPath(repo.resolve("platform/target/classes"));
        List<Path> dirs = List.of("contracts", "platform", "inventory-service", "findings-service", "identity-service",
                "response-service", "gateway").stream().map(m -> repo.resolve(m).resolve("target/classes")).toList();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(dir + " is missing: the modules are built before this one");
            }
        }
        classes = new ClassFileImporter().importPaths(dirs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "findings", "identity", "response"})
    void restCallsServiceCallsRepository(String service) {
        String base = "io.pillar." + service;
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(base + ".rest..")
                .layer("service").definedBy(base + ".service..")
                .layer("repository").definedBy(base + ".repository..")
                .layer("messaging").definedBy(base + ".messaging..")
                .layer("grpc").definedBy(base + ".grpc..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging").mayNotBeAccessedByAnyLayer()
                .whereLayer("grpc").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "messaging", "grpc")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .allowEmptyShould(true)
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "findings", "identity", "response", "gateway"})
    void noServiceImportsAnotherServicesPackages(String service) {
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noClasses().that().resideInAPackage("io.pillar." + service + "..")
                        .should().dependOnClassesThat().resideInAPackage("io.pillar." + other + "..")
                        .allowEmptyShould(true)
                        .check(classes);
            }
        }
    }

    /** Mapping turns one shape into another; it calls no use case, resource, consumer or gRPC server. */
    @ParameterizedTest
    @ValueSource(strings = {"inventory", "findings", "identity", "response"})
    void mappingDependsOnNoLayerAboveIt(String service) {
        String base = "io.pillar." + service;
        noClasses().that().resideInAPackage(base + ".mapping..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".rest..", base + ".service..", base + ".messaging..", base + ".grpc..")
                .allowEmptyShould(true).check(classes);
    }

    /** Parsers and rules read and decide; they neither store nor call anything. */
    @ParameterizedTest
    @ValueSource(strings = {"inventory", "findings"})
    void parsersAndRulesAreFreeOfIo(String service) {
        String base = "io.pillar." + service;
        noClasses().that().resideInAnyPackage(base + ".parser..", base + ".rules..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".rest..", base + ".service..", base + ".repository..",
                        base + ".messaging..", base + ".grpc..", base + ".client..")
                .allowEmptyShould(true).check(classes);
    }

    /**
     * Storage is Hibernate ORM with Panache: queries live in repositories, and hand-written SQL over JDBC only in a
     * service's {@code repository.bulk} package (bulk writes and the reads a benchmark or an index needs).
     */
    @Test
    void queriesLiveInRepositoriesAndJdbcInRepositorySql() {
        noClasses().that().resideOutsideOfPackages("io.pillar.platform..", "..repository.bulk..").should()
                .dependOnClassesThat().resideInAnyPackage("java.sql..", "io.agroal..")
                .because("hand-written SQL stays in repository.bulk").check(classes);
        noClasses().that().resideOutsideOfPackages("..repository..").should()
                .dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().callMethodWhere(DescribedPredicate.describe("a Panache query by string", call -> call
                        .getTargetOwner().isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheRepositoryBase")
                        && PANACHE_QUERIES.contains(call.getName())
                        && !call.getTarget().getRawParameterTypes().isEmpty()
                        && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(String.class)))
                .because("queries are named methods of repositories").check(classes);
    }

    /** The platform library serves every service and knows none. */
    @Test
    void thePlatformDependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.pillar.inventory..",
                "io.pillar.findings..", "io.pillar.identity..", "io.pillar.response..", "io.pillar.gateway..")
                .check(platform);
    }

    /** Infrastructure lives once, in the platform library: no service has its own copy. */
    @Test
    void noServiceCopiesThePlatformsInfrastructure() {
        noClasses().that().resideOutsideOfPackage("io.pillar.platform..").should()
                .haveSimpleNameEndingWith("ProblemMapper").orShould().haveSimpleNameStartingWith("Outbox")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.pillar.platform..").should()
                .callConstructorWhere(JavaCall.Predicates.target(
                        HasOwner.Predicates.With.owner(JavaClass.Predicates.assignableTo(ObjectMapper.class))))
                .because("the JSON mappers are the platform's (Json)").check(classes);
    }

    /** The module itself; the stubs that services generate from its .proto files live in the services. */
    @Test
    void contractsDependOnNothing() {
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("io.pillar.contracts..", "java..")
                .check(contracts);
    }
}
