// Zip reading with libzip, with caps on entry count and size.
#include "report/docx_read.h"

#include <zip.h>

#include <memory>

#include "report/writer.h"

namespace ntm::report {

namespace {

constexpr zip_uint64_t kMaxEntry = 64u << 20;
constexpr zip_int64_t kMaxEntries = 10000;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

Zip open(const std::filesystem::path& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) throw WriteError("Không đọc được tệp '" + path.string() + "': không phải tệp .docx/.xlsx (zip) hợp lệ");
  return Zip(z);
}

std::string entry(zip_t* z, zip_uint64_t index, const std::filesystem::path& path) {
  zip_stat_t st;
  if (zip_stat_index(z, index, 0, &st) != 0) throw WriteError("Không đọc được tệp '" + path.string() + "'");
  if (st.size > kMaxEntry)
    throw WriteError("Tệp '" + path.string() + "': phần '" + st.name + "' quá lớn");
  zip_file_t* f = zip_fopen_index(z, index, 0);
  if (!f) throw WriteError("Không đọc được tệp '" + path.string() + "': " + zip_strerror(z));
  std::string out(static_cast<std::size_t>(st.size), '\0');
  zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw WriteError("Không đọc được tệp '" + path.string() + "'");
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> read_zip(const std::filesystem::path& path) {
  Zip z = open(path);
  zip_int64_t n = zip_get_num_entries(z.get(), 0);
  if (n < 0 || n > kMaxEntries) throw WriteError("Tệp '" + path.string() + "' có quá nhiều phần");
  std::vector<std::pair<std::string, std::string>> out;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z.get(), static_cast<zip_uint64_t>(i), 0);
    out.emplace_back(name ? name : "", entry(z.get(), static_cast<zip_uint64_t>(i), path));
  }
  return out;
}

std::string read_zip_entry(const std::filesystem::path& path, const std::string& name) {
  Zip z = open(path);
  zip_int64_t i = zip_name_locate(z.get(), name.c_str(), 0);
  if (i < 0) throw WriteError("Tệp '" + path.string() + "' không có phần '" + name + "'");
  return entry(z.get(), static_cast<zip_uint64_t>(i), path);
}

std::string xml_unescape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    std::size_t semi = text.find(';', i);
    if (semi == std::string::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    std::string name = text.substr(i + 1, semi - i - 1);
    if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "amp") out += '&';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits = name.substr(hex ? 2 : 1);
      if (digits.empty() || digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos ||
          digits.size() > 6) {
        out += text.substr(i, semi - i + 1);
        i = semi;
        continue;
      }
      unsigned long cp = std::stoul(digits, nullptr, hex ? 16 : 10);
      if (cp > 0x10FFFF) cp = 0xFFFD;
      if (cp < 0x80) out += static_cast<char>(cp);
      else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
      else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      out += text.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

}  // namespace ntm::report
