package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class QrCodesTest {

    private static final String URI = OtpAuthUri.of(
            TotpSecret.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), "Müller & Partner", "anna@mueller.example");

    @TempDir
    Path temp;

    @Test
    void pngDecodesWithZxingToTheExactUri() throws Exception {
        Result result = new QRCodeReader().decode(bitmap(QrCodes.png(URI)), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));

        assertThat(result.getText()).isEqualTo(URI);
        assertThat(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
    }

    @Test
    void pngDecodesWithZxingWithoutThePureBarcodeHint() throws Exception {
        Result result = new QRCodeReader().decode(bitmap(QrCodes.png(URI)), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));

        assertThat(result.getText()).isEqualTo(URI);
    }

    @Test
    void pngDecodesWithZbarimgToTheExactUri() throws IOException {
        Path png = temp.resolve("enrolment.png");
        Files.write(png, QrCodes.png(URI));

        String decoded = ExternalProgram.run("zbarimg", "zbar-tools", "--raw", "-q", png.toString());

        assertThat(decoded).isEqualTo(URI);
    }

    @Test
    void pngHasAFourModuleQuietZoneOfWhite() throws Exception {
        int modules = expectedQrCode(URI).getMatrix().getWidth();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(URI, 8)));

        assertThat(image.getWidth()).isEqualTo((modules + 8) * 8);
        assertThat(image.getHeight()).isEqualTo(image.getWidth());
        int quietPixels = 4 * 8;
        for (int i = 0; i < image.getWidth(); i++) {
            for (int q = 0; q < quietPixels; q++) {
                assertThat(image.getRGB(i, q) & 0xffffff).isEqualTo(0xffffff);
                assertThat(image.getRGB(q, i) & 0xffffff).isEqualTo(0xffffff);
                assertThat(image.getRGB(i, image.getHeight() - 1 - q) & 0xffffff).isEqualTo(0xffffff);
                assertThat(image.getRGB(image.getWidth() - 1 - q, i) & 0xffffff).isEqualTo(0xffffff);
            }
        }
        assertThat(image.getRGB(quietPixels, quietPixels) & 0xffffff).as("finder pattern corner").isEqualTo(0);
    }

    @Test
    void svgIsWellFormedXmlWithAViewBoxOfModulesPlusQuietZone() throws Exception {
        int modules = expectedQrCode(URI).getMatrix().getWidth();

        Element svg = parse(QrCodes.svg(URI)).getDocumentElement();

        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getLocalName()).isEqualTo("svg");
        int size = modules + 2 * QrCodes.QUIET_ZONE_MODULES;
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 " + size + " " + size);
    }

    @Test
    void svgDrawsExactlyTheDarkModulesOfTheQrCode() throws Exception {
        ByteMatrix expected = expectedQrCode(URI).getMatrix();
        int quiet = QrCodes.QUIET_ZONE_MODULES;
        int size = expected.getWidth() + 2 * quiet;

        Element path = (Element) parse(QrCodes.svg(URI)).getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").item(0);
        boolean[][] drawn = new boolean[size][size];
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(path.getAttribute("d"));
        int consumed = 0;
        while (run.find()) {
            assertThat(run.start()).isEqualTo(consumed);
            consumed = run.end();
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            assertThat(run.group(4)).isEqualTo(run.group(3));
            for (int i = 0; i < length; i++) {
                drawn[y][x + i] = true;
            }
        }
        assertThat(consumed).isEqualTo(path.getAttribute("d").length());

        int darkModules = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean inside = x >= quiet && y >= quiet && x < size - quiet && y < size - quiet;
                boolean dark = inside && expected.get(x - quiet, y - quiet) == 1;
                assertThat(drawn[y][x]).as("module %d,%d", x, y).isEqualTo(dark);
                darkModules += dark ? 1 : 0;
            }
        }
        assertThat(darkModules).isPositive();
    }

    @Test
    void emptyContentIsRejected() {
        assertThatThrownBy(() -> QrCodes.png("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QrCodes.svg(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentTooLongForAQrCodeIsRejected() {
        assertThatThrownBy(() -> QrCodes.svg("x".repeat(5000))).isInstanceOf(IllegalArgumentException.class);
    }

    private static QRCode expectedQrCode(String content) throws Exception {
        return Encoder.encode(content, ErrorCorrectionLevel.M);
    }

    private static BinaryBitmap bitmap(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new InputSource(new StringReader(xml)));
    }
}
