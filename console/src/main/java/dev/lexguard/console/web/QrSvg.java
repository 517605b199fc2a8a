package dev.lexguard.console.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * A QR code as inline SVG markup: one black path on a white square, in module units, with the four-module quiet zone the
 * QR specification asks for. Inline SVG needs nothing from the Content-Security-Policy (no image URL, no style: fill and
 * shape-rendering are presentation attributes), so img-src stays 'self'. The markup holds only numbers this class
 * writes; the encoded text never appears in it.
 */
public final class QrSvg {

    private static final int QUIET_ZONE = 4;

    private QrSvg() {
    }

    /**
     * @param text what the code says (an otpauth URI)
     * @param pixels the most the drawn width and height may be (rounded down to whole pixels per module)
     * @param label the accessible name
     */
    public static String of(String text, int pixels, String label) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("too long for a QR code", e);
        }
        int size = matrix.getWidth();
        // whole device pixels per module (a fractional scale leaves seams between modules that readers trip over), and
        // each row's dark runs as one rectangle
        int modulePixels = Math.max(2, pixels / size);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < size && matrix.get(x + run, y)) {
                    run++;
                }
                path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        int drawn = size * modulePixels;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"" + escape(label)
                + "\" width=\"" + drawn + "\" height=\"" + drawn + "\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
