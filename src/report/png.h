// PNG bytes of cairo images: the maps of Word reports.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ntm::report {

// A horizontal band of a picture's rows, compressed on its own: the bands of one picture are
// drawn and compressed side by side on several threads, then joined by png_of_bands.
//
// Each row is written unfiltered (PNG filter 0; on a map of flat colours the unfiltered rows
// compress smaller than libpng's default of trying all five filters on every row, and cost
// far less) and deflated with zlib at level 2. A band ends on a byte boundary (a sync flush),
// the last one with the stream's final block; the image data is their concatenation, with
// its check value combined from theirs (adler32_combine), as pigz joins its pieces.
struct PngBand {
  std::string deflated;       // raw deflate data
  unsigned long adler = 1;    // Adler-32 of the band's rows (filter byte and RGB)
  std::size_t length = 0;     // their length in bytes
};

// The band of `rows` rows of a CAIRO_FORMAT_RGB24 surface (`stride` bytes a row). Throws
// WriteError when zlib fails.
PngBand png_band(const unsigned char* pixels, int width, int rows, int stride, bool last);

// The PNG file (8-bit RGB, not interlaced) of `width` × `height` pixels from its bands, top
// to bottom: the signature, IHDR, one IDAT and IEND.
std::string png_of_bands(int width, int height, const std::vector<PngBand>& bands);

// The whole picture as one band.
std::string png_of_rgb24(const unsigned char* pixels, int width, int height, int stride);

}  // namespace ntm::report
