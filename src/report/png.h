// PNG bytes of a cairo image: the maps of Word reports.
#pragma once

#include <string>

namespace ntm::report {

// The pixels of a CAIRO_FORMAT_RGB24 surface (`stride` bytes a row) as a PNG, written for
// speed: zlib level 2 and no row filter. cairo's own writer (zlib's default level, every
// filter tried on every row) took a sixth of a province report's time; on Điện Biên's map
// this takes a third of that and the file is 7 % smaller, with the same pixels. Throws
// WriteError when libpng fails.
std::string png_of_rgb24(const unsigned char* pixels, int width, int height, int stride);

}  // namespace ntm::report
