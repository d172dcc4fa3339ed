package uk.gov.hertfordshire.cases.photos;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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

    /**
     * The image turned (and, for 2, 4, 5 and 7, mirrored) as the orientation says, without a second
     * copy of its pixels: each orientation is a mirror left to right, top to bottom, or both, done
     * in place a row at a time, then for 5 to 8 a transpose (rows become columns). Pixels stored
     * interleaved in one array, as the JDK's JPEG reader stores them, are transposed by reading the
     * same array with the pixel and row strides swapped. The image passed in is changed.
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        WritableRaster raster = image.getRaster();
        if (orientation == 2 || orientation == 3 || orientation == 7 || orientation == 8) {
            mirrorLeftToRight(raster);
        }
        if (orientation == 3 || orientation == 4 || orientation == 6 || orientation == 7) {
            mirrorTopToBottom(raster);
        }
        return orientation >= 5 ? transposed(image) : image;
    }

    /** Whether {@link #upright} turns an image of this layout without copying its pixels. */
    static boolean turnsInPlace(SampleModel layout) {
        return layout instanceof ComponentSampleModel component
                && Arrays.stream(component.getBankIndices()).allMatch(bank -> bank == 0)
                && component.getPixelStride() > 0;
    }

    private static void mirrorLeftToRight(WritableRaster raster) {
        int width = raster.getWidth();
        int bands = raster.getNumBands();
        int[] row = null;
        int[] pixel = new int[bands];
        for (int y = 0; y < raster.getHeight(); y++) {
            row = raster.getPixels(0, y, width, 1, row);
            for (int left = 0, right = width - 1; left < right; left++, right--) {
                System.arraycopy(row, left * bands, pixel, 0, bands);
                System.arraycopy(row, right * bands, row, left * bands, bands);
                System.arraycopy(pixel, 0, row, right * bands, bands);
            }
            raster.setPixels(0, y, width, 1, row);
        }
    }

    private static void mirrorTopToBottom(WritableRaster raster) {
        int width = raster.getWidth();
        int[] top = null;
        int[] bottom = null;
        for (int y = 0, opposite = raster.getHeight() - 1; y < opposite; y++, opposite--) {
            top = raster.getPixels(0, y, width, 1, top);
            bottom = raster.getPixels(0, opposite, width, 1, bottom);
            raster.setPixels(0, y, width, 1, bottom);
            raster.setPixels(0, opposite, width, 1, top);
        }
    }

    /** Column x of the image as row x: the pixels shared where the layout allows, else copied. */
    private static BufferedImage transposed(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        int width = raster.getWidth();
        int height = raster.getHeight();
        WritableRaster turned;
        if (turnsInPlace(raster.getSampleModel())
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0) {
            ComponentSampleModel layout = (ComponentSampleModel) raster.getSampleModel();
            turned =
                    Raster.createWritableRaster(
                            new ComponentSampleModel(
                                    layout.getDataType(),
                                    height,
                                    width,
                                    layout.getScanlineStride(),
                                    layout.getPixelStride(),
                                    layout.getBandOffsets()),
                            raster.getDataBuffer(),
                            null);
        } else {
            turned = raster.createCompatibleWritableRaster(height, width);
            int[] row = null;
            for (int y = 0; y < height; y++) {
                row = raster.getPixels(0, y, width, 1, row);
                turned.setPixels(y, 0, 1, width, row);
            }
        }
        return new BufferedImage(image.getColorModel(), turned, image.isAlphaPremultiplied(), null);
    }
}
