package uk.gov.hertfordshire.cases.photos;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A phone stores a photo as the sensor saw it and says in EXIF how to turn it upright (TIFF tag
 * 274, Orientation, 1–8). Metadata is stripped on upload, so the turn is applied to the pixels
 * first, or a photo taken in portrait would be shown on its side. The tag is read with
 * TwelveMonkeys' metadata reader; the JDK's own image readers still decode the photo.
 */
final class ExifOrientation {

    /** Stored upright: nothing to do. */
    static final int UPRIGHT = 1;

    private ExifOrientation() {}

    /** The JPEG's EXIF orientation, or {@link #UPRIGHT} if it has none or it cannot be read. */
    static int of(byte[] jpeg) {
        try (ImageInputStream in =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return UPRIGHT;
            }
            InputStream data = exif.get(0).data();
            if (data.read() == -1) { // the pad byte after the "Exif" identifier
                return UPRIGHT;
            }
            Directory directory = new TIFFReader().read(new MemoryCacheImageInputStream(data));
            Entry orientation = directory.getEntryById(TIFF.TAG_ORIENTATION);
            int value =
                    orientation != null && orientation.getValue() instanceof Number number
                            ? number.intValue()
                            : UPRIGHT;
            return value >= 1 && value <= 8 ? value : UPRIGHT;
        } catch (IOException | RuntimeException unreadable) {
            // Damaged metadata is dropped with the rest; the pixels decide whether it is a photo.
            return UPRIGHT;
        }
    }

    /** The image turned (and, for 2, 4, 5 and 7, mirrored) as the orientation says. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == UPRIGHT) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean sideways = orientation >= 5;
        AffineTransform turn = new AffineTransform();
        switch (orientation) {
            case 2 -> { // mirrored left to right
                turn.translate(w, 0);
                turn.scale(-1, 1);
            }
            case 3 -> { // upside down
                turn.translate(w, h);
                turn.rotate(Math.PI);
            }
            case 4 -> { // mirrored top to bottom
                turn.translate(0, h);
                turn.scale(1, -1);
            }
            case 5 -> { // mirrored along the top-left to bottom-right diagonal
                turn.scale(-1, 1);
                turn.rotate(Math.PI / 2);
            }
            case 6 -> { // turn a quarter clockwise
                turn.translate(h, 0);
                turn.rotate(Math.PI / 2);
            }
            case 7 -> { // mirrored along the other diagonal
                turn.translate(h, w);
                turn.scale(1, -1);
                turn.rotate(Math.PI / 2);
            }
            case 8 -> { // turn a quarter anticlockwise
                turn.translate(0, w);
                turn.rotate(-Math.PI / 2);
            }
            default -> {
                return image;
            }
        }
        BufferedImage turned =
                new BufferedImage(
                        sideways ? h : w,
                        sideways ? w : h,
                        image.getType() == BufferedImage.TYPE_CUSTOM
                                ? BufferedImage.TYPE_INT_RGB
                                : image.getType());
        Graphics2D graphics = turned.createGraphics();
        try {
            graphics.drawImage(image, turn, null);
        } finally {
            graphics.dispose();
        }
        return turned;
    }
}
