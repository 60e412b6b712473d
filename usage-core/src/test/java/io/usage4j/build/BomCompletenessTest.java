package io.usage4j.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The BOM lists every published module of the reactor: every module whose packaging is jar and that
 * does not set {@code maven.deploy.skip}, at the project version; and it carries no parent, no scope and
 * nothing but io.usage4j artifacts.
 */
class BomCompletenessTest {
    private static final String GROUP = "io.usage4j";
    private static final String VERSION = "0.1.0-SNAPSHOT";

    private static Path rootDir() {
        String configured = System.getProperty("usage4j.rootDir");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    @Test
    void theBomListsEveryPublishedModule() {
        List<String> problems = check(rootDir());
        assertThat(problems).as("BOM problems").isEmpty();
    }

    @Test
    void theCheckNamesAModuleMissingFromTheBom(@TempDir Path copy) throws IOException {
        Path root = rootDir();
        List<String> modules = modules(parse(root.resolve("pom.xml")));
        assertThat(modules).contains("bom", "usage-core", "usage-spi", "provider-fastly");
        Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        for (String module : modules) {
            Files.createDirectories(copy.resolve(module));
            Files.copy(root.resolve(module).resolve("pom.xml"), copy.resolve(module).resolve("pom.xml"));
        }
        assertThat(check(copy)).isEmpty();

        Path bom = copy.resolve("bom/pom.xml");
        String text = Files.readString(bom);
        String entry = "<artifactId>provider-fastly</artifactId>";
        assertThat(text).contains(entry);
        Files.writeString(bom, text.replace(entry, "<artifactId>provider-fastly-renamed</artifactId>"));

        assertThat(check(copy)).anySatisfy(problem -> assertThat(problem)
                .contains("provider-fastly").contains("missing from bom/pom.xml"));
        assertThatThrownBy(() -> assertThat(check(copy)).isEmpty()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("provider-fastly");
    }

    @Test
    void theCheckRefusesAParentAScopeAndForeignArtifacts(@TempDir Path copy) throws IOException {
        Path root = rootDir();
        Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        for (String module : modules(parse(root.resolve("pom.xml")))) {
            Files.createDirectories(copy.resolve(module));
            Files.copy(root.resolve(module).resolve("pom.xml"), copy.resolve(module).resolve("pom.xml"));
        }
        Path bom = copy.resolve("bom/pom.xml");
        String original = Files.readString(bom);
        String text = original.replace("<groupId>io.usage4j</groupId>\n  <artifactId>usage4j-bom</artifactId>",
                "<parent><groupId>io.usage4j</groupId><artifactId>usage4j-parent</artifactId><version>" + VERSION
                        + "</version></parent>\n  <groupId>io.usage4j</groupId>\n  <artifactId>usage4j-bom</artifactId>");
        text = text.replace("</dependencies>\n  </dependencyManagement>",
                "  <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId>"
                        + "<version>2.0</version><scope>runtime</scope></dependency>\n    </dependencies>\n  </dependencyManagement>");
        text = text.replaceFirst("<version>0\\.1\\.0-SNAPSHOT</version>\n      </dependency>",
                "<version>0.0.9</version>\n      </dependency>");
        assertThat(text).contains("<parent>").contains("<scope>runtime</scope>").contains("<version>0.0.9</version>");
        Files.writeString(bom, text);

        List<String> problems = check(copy);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("<parent>"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("<scope>"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("com.fasterxml.jackson.core:jackson-databind"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("version 0.0.9"));
    }

    /** Every problem of the BOM of the reactor at {@code root}, one sentence each. */
    static List<String> check(Path root) {
        List<String> problems = new ArrayList<>();
        Set<String> published = new LinkedHashSet<>();
        for (String module : modules(parse(root.resolve("pom.xml")))) {
            Element pom = parse(root.resolve(module).resolve("pom.xml"));
            String packaging = text(pom, "packaging", "jar");
            Element properties = child(pom, "properties");
            boolean deploySkipped = properties != null && "true".equals(text(properties, "maven.deploy.skip", "false"));
            if (packaging.equals("jar") && !deploySkipped) {
                published.add(text(pom, "artifactId", module));
            }
        }

        Element bom = parse(root.resolve("bom/pom.xml"));
        if (child(bom, "parent") != null) {
            problems.add("bom/pom.xml has a <parent>: the BOM must not inherit third-party versions from the build parent");
        }
        Set<String> listed = new LinkedHashSet<>();
        Element management = child(bom, "dependencyManagement");
        Element dependencies = management == null ? null : child(management, "dependencies");
        for (Element dependency : children(dependencies, "dependency")) {
            String group = text(dependency, "groupId", "");
            String artifact = text(dependency, "artifactId", "");
            String version = text(dependency, "version", "");
            if (!group.equals(GROUP)) {
                problems.add("bom/pom.xml lists " + group + ":" + artifact + ", which is not an io.usage4j artifact");
            }
            if (child(dependency, "scope") != null) {
                problems.add("bom/pom.xml gives " + group + ":" + artifact + " a <scope>: a BOM sets versions only");
            }
            if (!version.equals(VERSION) && !version.equals("${project.version}")) {
                problems.add("bom/pom.xml pins " + artifact + " at version " + version + ", not " + VERSION);
            }
            if (group.equals(GROUP)) {
                listed.add(artifact);
            }
        }
        for (String module : published) {
            if (!listed.contains(module)) {
                problems.add("published module " + module + " is missing from bom/pom.xml: add io.usage4j:" + module
                        + ":" + VERSION + " to its dependencyManagement (or set maven.deploy.skip in the module)");
            }
        }
        return problems;
    }

    private static List<String> modules(Element rootPom) {
        Element modules = child(rootPom, "modules");
        return children(modules, "module").stream().map(m -> m.getTextContent().trim()).toList();
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(pom.toFile());
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        if (parent == null) {
            return List.of();
        }
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name, String otherwise) {
        Element element = child(parent, name);
        return element == null ? otherwise : element.getTextContent().trim();
    }

    @Test
    void everyModuleOfTheRootPomHasAPom() {
        Path root = rootDir();
        assertThat(modules(parse(root.resolve("pom.xml")))).isNotEmpty()
                .allSatisfy(m -> assertThat(root.resolve(m).resolve("pom.xml")).exists());
    }
}
