#include "report/png.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>

#include "report/writer.h"

namespace ntm::report {

namespace {

constexpr int kLevel = 2;

// Closes the stream on every way out of png_band.
struct Deflater {
  z_stream zs{};
  bool open = false;
  ~Deflater() {
    if (open) deflateEnd(&zs);
  }
};

// Feeds `size` bytes (all of them, whatever `flush` asks) and appends what zlib writes.
void feed(z_stream& zs, const unsigned char* data, std::size_t size, int flush, std::string& out) {
  zs.next_in = const_cast<unsigned char*>(data);
  zs.avail_in = static_cast<uInt>(size);
  unsigned char buffer[1 << 16];
  for (;;) {
    zs.next_out = buffer;
    zs.avail_out = sizeof buffer;
    int rc = deflate(&zs, flush);
    if (rc == Z_STREAM_ERROR) throw WriteError("Không ghi được ảnh bản đồ (zlib)");
    out.append(reinterpret_cast<const char*>(buffer), sizeof buffer - zs.avail_out);
    // Done when the input is taken and zlib had room to spare (for Z_FINISH: the stream ended).
    if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_in == 0 && zs.avail_out != 0) return;
  }
}

void put32(std::string& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(bytes, 4);
}

// A chunk: length, type, data, CRC-32 of type and data.
void chunk(std::string& out, const char* type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  std::size_t from = out.size();
  out.append(type, 4);
  out += data;
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(out.data() + from), static_cast<uInt>(out.size() - from));
  put32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

PngBand png_band(const unsigned char* pixels, int width, int rows, int stride, bool last) {
  PngBand band;
  Deflater d;
  if (deflateInit2(&d.zs, kLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw WriteError("Không ghi được ảnh bản đồ (zlib)");
  d.open = true;
  std::vector<unsigned char> row(1 + 3 * static_cast<std::size_t>(width));   // filter byte 0, then R G B
  for (int y = 0; y < rows; ++y) {
    // A pixel of RGB24 is a 32-bit word 0x00RRGGBB in the machine's byte order.
    const auto* words = reinterpret_cast<const std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(y) * stride);
    unsigned char* to = row.data() + 1;
    for (int x = 0; x < width; ++x, to += 3) {
      std::uint32_t p = words[x];
      to[0] = static_cast<unsigned char>(p >> 16);
      to[1] = static_cast<unsigned char>(p >> 8);
      to[2] = static_cast<unsigned char>(p);
    }
    band.adler = adler32(band.adler, row.data(), static_cast<uInt>(row.size()));
    band.length += row.size();
    int flush = y + 1 < rows ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
    feed(d.zs, row.data(), row.size(), flush, band.deflated);
  }
  if (rows == 0 && last) feed(d.zs, row.data(), 0, Z_FINISH, band.deflated);
  return band;
}

std::string png_of_bands(int width, int height, const std::vector<PngBand>& bands) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put32(ihdr, static_cast<std::uint32_t>(width));
  put32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);   // 8 bits, RGB, deflate, adaptive filtering, no interlace
  chunk(out, "IHDR", ihdr);
  // The zlib stream: header (32 KiB window, a fast level), the bands, the combined Adler-32.
  std::string data("\x78\x5e", 2);
  uLong adler = 1;
  for (const PngBand& b : bands) {
    data += b.deflated;
    adler = adler32_combine(adler, b.adler, static_cast<z_off_t>(b.length));
  }
  put32(data, static_cast<std::uint32_t>(adler));
  chunk(out, "IDAT", data);
  chunk(out, "IEND", std::string());
  return out;
}

std::string png_of_rgb24(const unsigned char* pixels, int width, int height, int stride) {
  return png_of_bands(width, height, {png_band(pixels, width, height, stride, true)});
}

}  // namespace ntm::report
