package dev.lexguard.identity.twofactor;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes of an otpauth URI, as PNG for clients that want an image and as SVG for ones that scale it.
 * Error correction level M survives a screen's glare and moiré at a modest size; the four-module quiet
 * zone is the minimum the QR specification (ISO/IEC 18004) requires for reliable scanning.
 */
public final class QrCodes {

    public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;
    public static final int QUIET_ZONE_MODULES = 4;
    public static final int DEFAULT_PNG_MODULE_PIXELS = 8;

    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    private QrCodes() {
    }

    /** A PNG with {@link #DEFAULT_PNG_MODULE_PIXELS} pixels per module. */
    public static byte[] png(String content) {
        return png(content, DEFAULT_PNG_MODULE_PIXELS);
    }

    /**
     * A black-on-white PNG of {@code content}, quiet zone included.
     *
     * @param modulePixels pixels per module, 1 to 64
     * @throws IllegalArgumentException if {@code content} is empty or too long for a QR code
     */
    public static byte[] png(String content, int modulePixels) {
        if (modulePixels < 1 || modulePixels > 64) {
            throw new IllegalArgumentException("modulePixels must be between 1 and 64");
        }
        BitMatrix matrix = matrix(content);
        int size = matrix.getWidth() * modulePixels;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / modulePixels, y / modulePixels) ? BLACK : WHITE);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A standalone SVG of {@code content}: one unit per module, the quiet zone inside the
     * {@code viewBox}, dark modules as one path of horizontal runs so the document stays small.
     *
     * @throws IllegalArgumentException if {@code content} is empty or too long for a QR code
     */
    public static String svg(String content) {
        BitMatrix matrix = matrix(content);
        int size = matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"" + size * 4 + "\" height=\"" + size * 4 + "\" shape-rendering=\"crispEdges\">\n"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#ffffff\"/>\n"
                + "<path fill=\"#000000\" d=\"" + path + "\"/>\n"
                + "</svg>\n";
    }

    /** The QR matrix at one pixel per module, quiet zone included. */
    static BitMatrix matrix(String content) {
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("QR content must not be empty");
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ERROR_CORRECTION);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        // An ECI header for UTF-8 confuses some scanners; only add it when the content needs it.
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(content)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            // Width and height 0 ask for the smallest rendering: exactly one pixel per module.
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("content does not fit in a QR code", e);
        }
    }
}
