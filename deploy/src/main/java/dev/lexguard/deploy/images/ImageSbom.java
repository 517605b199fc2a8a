package dev.lexguard.deploy.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The CycloneDX SBOM of one image: every Debian package installed in it (read from its dpkg status database) and,
 * for a service, every Java library of its fast-jar (the cyclonedx-maven-plugin's BOM of the module). Run by
 * deploy/images/build:
 * <pre>
 * java -cp deploy/target/lexguard-local.jar dev.lexguard.deploy.images.ImageSbom NAME VERSION DPKG_STATUS [APP_BOM] OUT
 * </pre>
 */
public final class ImageSbom {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String DISTRO = "debian-12";

    private ImageSbom() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: ImageSbom <image name> <version> <dpkg status file> [<application bom.json>] <out>");
            System.exit(2);
        }
        String status = Files.readString(Path.of(args[2]));
        JsonNode application = args.length == 5 ? JSON.readTree(Path.of(args[3]).toFile()) : null;
        Path out = Path.of(args[args.length - 1]);
        // a fixed timestamp and serial number per image version: the same inputs give the same document
        String serial = "urn:uuid:" + UUID.nameUUIDFromBytes((args[0] + ":" + args[1]).getBytes(StandardCharsets.UTF_8));
        ObjectNode bom = of(args[0], args[1], debianPackages(status), application, serial);
        Files.writeString(out, JSON.writeValueAsString(bom) + "\n");
    }

    static ObjectNode of(String image, String version, List<Map<String, String>> packages, JsonNode application,
            String serial) {
        ObjectNode bom = JSON.createObjectNode();
        bom.put("bomFormat", "CycloneDX");
        bom.put("specVersion", "1.6");
        bom.put("serialNumber", serial);
        bom.put("version", 1);
        ObjectNode metadata = bom.putObject("metadata");
        metadata.put("timestamp", Instant.EPOCH.toString());
        ObjectNode component = metadata.putObject("component");
        component.put("type", "container");
        component.put("bom-ref", image + ":" + version);
        component.put("name", image);
        component.put("version", version);
        ArrayNode components = bom.putArray("components");
        for (Map<String, String> pkg : packages) {
            ObjectNode node = components.addObject();
            String purl = "pkg:deb/debian/" + pkg.get("Package") + "@" + pkg.get("Version") + "?arch="
                    + pkg.get("Architecture") + "&distro=" + DISTRO;
            node.put("type", "library");
            node.put("bom-ref", purl);
            node.put("name", pkg.get("Package"));
            node.put("version", pkg.get("Version"));
            node.put("purl", purl);
        }
        if (application != null) {
            for (JsonNode library : application.path("components")) {
                components.add(library.deepCopy());
            }
        }
        return bom;
    }

    /** The installed packages of a dpkg status database, in its order. */
    static List<Map<String, String>> debianPackages(String status) {
        List<Map<String, String>> packages = new ArrayList<>();
        for (String paragraph : status.split("\n\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : paragraph.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            if (fields.containsKey("Package") && fields.getOrDefault("Status", "").endsWith(" installed")) {
                packages.add(fields);
            }
        }
        return packages;
    }
}
