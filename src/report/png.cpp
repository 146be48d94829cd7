#include "report/png.h"

#include <new>

#include "report/cairo_lib.h"   // png.h, and libpng's functions loaded on first use
#include "report/writer.h"

namespace ntm::report {

namespace {

constexpr int kLevel = 2;

struct Sink {
  std::string* out;
};

void write_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* sink = static_cast<Sink*>(libpng().png_get_io_ptr(png));
  try {
    sink->out->append(reinterpret_cast<const char*>(data), length);
  } catch (const std::bad_alloc&) {
    libpng().png_error(png, "out of memory");   // longjmps to encode(): nothing of ours to unwind here
  }
}

void flush_nothing(png_structp) {}

// libpng reports a failure by longjmp to the setjmp below: between the two, this function
// holds no object with a destructor.
bool encode(png_structp png, png_infop info, const unsigned char* pixels, int width, int height, int stride) {
  if (setjmp(*libpng().png_set_longjmp_fn(png, longjmp, sizeof(jmp_buf)))) return false;   // png_jmpbuf()
  libpng().png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  libpng().png_set_compression_level(png, kLevel);
  // No row filter: libpng's default tries all five on every row, which cost more than the
  // compression itself, and on a map of flat colours the unfiltered rows compress smaller.
  libpng().png_set_filter(png, 0, PNG_FILTER_NONE);
  libpng().png_write_info(png, info);
  // A pixel of RGB24 is a 32-bit word 0x00RRGGBB in the machine's byte order.
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  libpng().png_set_bgr(png);
  libpng().png_set_filler(png, 0, PNG_FILLER_AFTER);
#else
  libpng().png_set_filler(png, 0, PNG_FILLER_BEFORE);
#endif
  for (int y = 0; y < height; ++y) libpng().png_write_row(png, const_cast<png_bytep>(pixels + static_cast<std::ptrdiff_t>(y) * stride));
  libpng().png_write_end(png, nullptr);
  return true;
}

}  // namespace

std::string png_of_rgb24(const unsigned char* pixels, int width, int height, int stride) {
  try {
    libpng();
  } catch (const store::MissingLibrary& e) {
    throw WriteError(std::string("Không ghi được ảnh bản đồ: ") + e.what());
  }
  std::string out;
  png_structp png = libpng().png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? libpng().png_create_info_struct(png) : nullptr;
  bool ok = false;
  if (info) {
    Sink sink{&out};
    libpng().png_set_write_fn(png, &sink, write_bytes, flush_nothing);
    ok = encode(png, info, pixels, width, height, stride);
  }
  libpng().png_destroy_write_struct(png ? &png : nullptr, info ? &info : nullptr);
  if (!ok) throw WriteError("Không ghi được ảnh bản đồ (libpng)");
  return out;
}

}  // namespace ntm::report
