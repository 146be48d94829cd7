// Reading the first worksheet of an .xlsx workbook as rows of text, for `ntm import`.
// Only what a sheet needs: shared strings, inline strings, numbers as Excel stores them
// (a point decimal, no grouping); formulas give their cached value.
//
// A workbook is a zip of XML files, and it comes from outside: every size is capped before
// memory is spent on it (the decompressed size of each part, the number of shared strings,
// of cells and the column of a cell reference), and the XML is read with every position
// checked, so a truncated or hostile file is refused with a message, never read past.
#include <zip.h>

#include <memory>
#include <string>

#include "app/importer.h"
#include "model/text.h"

namespace ntm::app {

namespace {

constexpr zip_uint64_t kMaxPartBytes = 64u << 20;        // one decompressed XML part
constexpr std::size_t kMaxSharedStrings = 1'000'000;
constexpr std::size_t kMaxCells = 5'000'000;              // cells (with the padding of rows)
constexpr std::size_t kMaxColumn = 16384;                 // XFD, Excel's last column
constexpr long kMaxRow = 1'048'576;

[[noreturn]] void broken(const std::string& what) {
  throw std::runtime_error("tệp Excel hỏng hoặc không đọc được: " + what);
}

// A part of the workbook, decompressed, refused when larger than the cap. The size the zip
// directory states is not trusted: the part is read in pieces and counted.
std::string read_entry(zip_t* zip, const char* name, bool required) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name, 0, &st) != 0) {
    if (required) throw std::runtime_error(std::string("tệp Excel thiếu phần ") + name);
    return {};
  }
  auto too_big = [&] {
    throw std::runtime_error(std::string("tệp Excel có phần ") + name + " lớn hơn " + std::to_string(kMaxPartBytes >> 20) +
                             " MiB khi giải nén; ntm không đọc tệp này (hãy chia nhỏ bảng, hoặc lưu thành CSV)");
  };
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) too_big();
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, name, 0), zip_fclose);
  if (!file) throw std::runtime_error(std::string("không đọc được phần ") + name + " của tệp Excel");
  std::string data;
  char buffer[64 * 1024];
  for (;;) {
    zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
    if (got < 0) broken(std::string("phần ") + name + " giải nén lỗi");
    if (got == 0) break;
    if (data.size() + static_cast<std::size_t>(got) > kMaxPartBytes) too_big();
    data.append(buffer, static_cast<std::size_t>(got));
  }
  return data;
}

// Appends code point `cp` as UTF-8; false for a value that is not a character (a
// surrogate, above U+10FFFF).
bool append_utf8(std::string& out, unsigned long cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return true;
}

// XML text with its entities replaced. A character reference that is malformed or names
// no character is an error (the file is broken), not a crash.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) broken("thực thể XML không đóng '" + clip(s.substr(i, 12)) + "'");
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (ent.size() >= 2 && ent[0] == '#') {
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = c >= '0' && c <= '9' ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) ok = false;
        else cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      }
      if (!ok || !append_utf8(out, cp)) broken("tham chiếu ký tự không hợp lệ '&" + clip(ent) + ";'");
    } else {
      broken("thực thể XML lạ '&" + clip(ent) + ";'");
    }
    i = semi;
  }
  return out;
}

// The XML of one part, read with every position checked.
class Xml {
 public:
  Xml(std::string_view text, const char* part) : text_(text), part_(part) {}

  std::size_t find(std::string_view what, std::size_t from) const { return text_.find(what, from); }
  std::size_t size() const { return text_.size(); }
  char at(std::size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  std::string_view slice(std::size_t from, std::size_t to) const { return text_.substr(from, to - from); }

  // The end ('>') of the tag opening at `at`; an error when the tag is not closed.
  std::size_t tag_end(std::size_t at) const {
    std::size_t end = text_.find('>', at);
    if (end == std::string_view::npos) broken(std::string("thẻ không đóng trong ") + part_ + " (vị trí " + std::to_string(at) + ")");
    return end;
  }
  // Position of `closing` after `from`, required.
  std::size_t require(std::string_view closing, std::size_t from) const {
    std::size_t at = text_.find(closing, from);
    if (at == std::string_view::npos)
      broken(std::string("thiếu ") + std::string(closing) + " trong " + part_ + " (vị trí " + std::to_string(from) + ")");
    return at;
  }

 private:
  std::string_view text_;
  const char* part_;
};

// The text of every <t>...</t> between `from` and `to` (rich text has several runs).
std::string texts(const Xml& xml, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t at = xml.find("<t", from); at != std::string_view::npos && at < to; at = xml.find("<t", at + 2)) {
    char next = xml.at(at + 2);
    if (next != '>' && next != ' ') continue;   // <tab>, <text...> are other tags
    std::size_t open_end = xml.tag_end(at);
    if (xml.at(open_end - 1) == '/') continue;  // <t/>
    std::size_t close = xml.require("</t>", open_end);
    if (close > to) broken("thẻ <t> vượt ra ngoài ô");
    out += unescape(xml.slice(open_end + 1, close));
    at = close;
  }
  return out;
}

std::string attribute(std::string_view tag, const char* name) {
  std::string key = std::string(" ") + name + "=\"";
  std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  std::size_t end = tag.find('"', at);
  if (end == std::string_view::npos) broken(std::string("thuộc tính ") + name + " không đóng");
  return std::string(tag.substr(at, end - at));
}

// "BC12" → 54 (0-based column of a cell reference); an error past Excel's last column.
std::size_t column_of(const std::string& ref, int row) {
  std::size_t col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (col > kMaxColumn)
      throw std::runtime_error("tệp Excel: dòng " + std::to_string(row) + ", ô '" + clip(ref, 20) +
                               "' ở ngoài cột cuối cùng của Excel (XFD)");
  }
  return col ? col - 1 : 0;
}

}  // namespace

CsvFile read_xlsx(const std::filesystem::path& path) {
  int error = 0;
  std::unique_ptr<zip_t, decltype(&zip_discard)> zip(zip_open(path.c_str(), ZIP_RDONLY, &error), zip_discard);
  if (!zip) throw std::runtime_error("không mở được tệp Excel " + path.string() + " (tệp .xlsx hỏng hoặc không phải .xlsx)");
  std::string shared_text = read_entry(zip.get(), "xl/sharedStrings.xml", false);
  Xml shared_xml(shared_text, "sharedStrings.xml");
  std::vector<std::string> shared;
  for (std::size_t at = shared_xml.find("<si", 0); at != std::string::npos;) {
    std::size_t end = shared_xml.require("</si>", at);
    if (shared.size() >= kMaxSharedStrings)
      throw std::runtime_error("tệp Excel có hơn " + std::to_string(kMaxSharedStrings) + " chuỗi dùng chung; ntm không đọc tệp này");
    shared.push_back(texts(shared_xml, at, end));
    at = shared_xml.find("<si", end);
  }
  // The first sheet of the workbook is sheet1.xml for files written by Excel and by ntm.
  std::string sheet_text = read_entry(zip.get(), "xl/worksheets/sheet1.xml", true);
  Xml sheet(sheet_text, "sheet1.xml");
  CsvFile file;
  file.delimiter = ',';
  std::size_t cells = 0;
  for (std::size_t at = sheet.find("<row", 0); at != std::string::npos;) {
    std::size_t tag_end = sheet.tag_end(at);
    bool empty_row = sheet.at(tag_end - 1) == '/';
    std::size_t end = empty_row ? tag_end : sheet.require("</row>", tag_end);
    CsvRow row;
    std::string r = attribute(sheet.slice(at, tag_end + 1), "r");
    long number = r.empty() || r.size() > 8 || r.find_first_not_of("0123456789") != std::string::npos ? -1 : std::atol(r.c_str());
    if (number < 1 || number > kMaxRow) broken("số dòng '" + clip(r, 20) + "' không hợp lệ");
    row.line = static_cast<int>(number);
    for (std::size_t c = sheet.find("<c", tag_end); c != std::string::npos && c < end;) {
      if (sheet.at(c + 2) != ' ' && sheet.at(c + 2) != '>' && sheet.at(c + 2) != '/') {   // <col>, <cfRule>...
        c = sheet.find("<c", c + 2);
        continue;
      }
      std::size_t c_tag_end = sheet.tag_end(c);
      if (c_tag_end > end) broken("ô vượt ra ngoài dòng " + std::to_string(row.line));
      std::string_view tag = sheet.slice(c, c_tag_end + 1);
      bool self_closed = tag.size() >= 2 && tag[tag.size() - 2] == '/';
      std::size_t c_end = self_closed ? c_tag_end : sheet.require("</c>", c_tag_end);
      if (c_end > end) broken("ô vượt ra ngoài dòng " + std::to_string(row.line));
      std::string value;
      if (!self_closed) {
        std::string type = attribute(tag, "t");
        if (type == "inlineStr") {
          value = texts(sheet, c_tag_end, c_end);
        } else {
          std::size_t v = sheet.find("<v>", c_tag_end);
          if (v != std::string::npos && v < c_end) {
            std::size_t v_end = sheet.require("</v>", v);
            if (v_end > c_end) broken("giá trị vượt ra ngoài ô ở dòng " + std::to_string(row.line));
            value = unescape(sheet.slice(v + 3, v_end));
          }
          if (type == "s") {
            bool digits = !value.empty() && value.size() <= 9 && value.find_first_not_of("0123456789") == std::string::npos;
            std::size_t index = digits ? static_cast<std::size_t>(std::atol(value.c_str())) : shared.size();
            value = index < shared.size() ? shared[index] : "";
          } else if (type == "b") {
            value = value == "1" ? "1" : "0";
          }
        }
      }
      std::size_t col = column_of(attribute(tag, "r"), row.line);
      if (row.fields.size() <= col) {
        cells += col + 1 - row.fields.size();
        if (cells > kMaxCells)
          throw std::runtime_error("tệp Excel có hơn " + std::to_string(kMaxCells) + " ô; ntm không đọc tệp này (hãy chia nhỏ bảng)");
        row.fields.resize(col + 1);
      }
      row.fields[col] = std::move(value);
      c = sheet.find("<c", c_end);
    }
    bool blank = true;
    for (const auto& f : row.fields)
      if (!f.empty()) blank = false;
    if (!blank) file.rows.push_back(std::move(row));
    at = sheet.find("<row", end);
  }
  return file;
}

}  // namespace ntm::app
