// Reading the first worksheet of an .xlsx workbook as rows of text, for `ntm import`.
// Only what a sheet needs: shared strings, inline strings, numbers as Excel stores them
// (a point decimal, no grouping); formulas give their cached value.
#include <zip.h>

#include <map>
#include <memory>
#include <string>

#include "app/importer.h"

namespace ntm::app {

namespace {

std::string read_entry(zip_t* zip, const char* name, bool required) {
  zip_stat_t st;
  if (zip_stat(zip, name, 0, &st) != 0) {
    if (required) throw std::runtime_error(std::string("tệp Excel thiếu phần ") + name);
    return {};
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, name, 0), zip_fclose);
  if (!file) throw std::runtime_error(std::string("không đọc được phần ") + name + " của tệp Excel");
  std::string data(static_cast<std::size_t>(st.size), '\0');
  zip_int64_t got = zip_fread(file.get(), data.data(), st.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) throw std::runtime_error("tệp Excel bị hỏng");
  return data;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') { out += s[i]; continue; }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) { out += s[i]; continue; }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (!ent.empty() && ent[0] == '#') {
      unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X') ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                                                                           : std::stoul(std::string(ent.substr(1)));
      if (cp < 0x80) out += static_cast<char>(cp);
      else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
      else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

// The text of every <t>...</t> between `from` and `to` (rich text has several runs).
std::string texts(std::string_view xml, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t at = xml.find("<t", from); at != std::string_view::npos && at < to; at = xml.find("<t", at + 2)) {
    char next = xml[at + 2];
    if (next != '>' && next != ' ') continue;   // <tab>, <text...> are other tags
    std::size_t open_end = xml.find('>', at);
    if (xml[open_end - 1] == '/') continue;     // <t/>
    std::size_t close = xml.find("</t>", open_end);
    if (close == std::string_view::npos || close > to) break;
    out += unescape(xml.substr(open_end + 1, close - open_end - 1));
    at = close;
  }
  return out;
}

std::string attribute(std::string_view tag, const char* name) {
  std::string key = std::string(" ") + name + "=\"";
  std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  return std::string(tag.substr(at, tag.find('"', at) - at));
}

// "BC12" → 54 (0-based column of a cell reference).
std::size_t column_of(const std::string& ref) {
  std::size_t col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return col ? col - 1 : 0;
}

}  // namespace

CsvFile read_xlsx(const std::filesystem::path& path) {
  int error = 0;
  std::unique_ptr<zip_t, decltype(&zip_discard)> zip(zip_open(path.c_str(), ZIP_RDONLY, &error), zip_discard);
  if (!zip) throw std::runtime_error("không mở được tệp Excel " + path.string() + " (tệp .xlsx hỏng hoặc không phải .xlsx)");
  std::string shared_xml = read_entry(zip.get(), "xl/sharedStrings.xml", false);
  std::vector<std::string> shared;
  for (std::size_t at = shared_xml.find("<si"); at != std::string::npos; ) {
    std::size_t end = shared_xml.find("</si>", at);
    if (end == std::string::npos) break;
    shared.push_back(texts(shared_xml, at, end));
    at = shared_xml.find("<si", end);
  }
  // The first sheet of the workbook is sheet1.xml for files written by Excel and by ntm.
  std::string sheet = read_entry(zip.get(), "xl/worksheets/sheet1.xml", true);
  CsvFile file;
  file.delimiter = ',';
  for (std::size_t at = sheet.find("<row"); at != std::string::npos;) {
    std::size_t tag_end = sheet.find('>', at);
    bool empty_row = sheet[tag_end - 1] == '/';
    std::size_t end = empty_row ? tag_end : sheet.find("</row>", tag_end);
    if (end == std::string::npos) break;
    CsvRow row;
    row.line = std::atoi(attribute(std::string_view(sheet).substr(at, tag_end - at + 1), "r").c_str());
    for (std::size_t c = sheet.find("<c", tag_end); c != std::string::npos && c < end;) {
      std::size_t c_tag_end = sheet.find('>', c);
      std::string_view tag = std::string_view(sheet).substr(c, c_tag_end - c + 1);
      bool self_closed = tag.size() >= 2 && tag[tag.size() - 2] == '/';
      std::size_t c_end = self_closed ? c_tag_end : sheet.find("</c>", c_tag_end);
      std::string value;
      if (!self_closed) {
        std::string type = attribute(tag, "t");
        if (type == "inlineStr") {
          value = texts(sheet, c_tag_end, c_end);
        } else {
          std::size_t v = sheet.find("<v>", c_tag_end);
          if (v != std::string::npos && v < c_end)
            value = unescape(std::string_view(sheet).substr(v + 3, sheet.find("</v>", v) - v - 3));
          if (type == "s") {
            std::size_t index = static_cast<std::size_t>(std::atol(value.c_str()));
            value = index < shared.size() ? shared[index] : "";
          } else if (type == "b") {
            value = value == "1" ? "1" : "0";
          }
        }
      }
      std::size_t col = column_of(attribute(tag, "r"));
      if (row.fields.size() <= col) row.fields.resize(col + 1);
      row.fields[col] = value;
      c = sheet.find("<c", c_end);
      if (c != std::string::npos && sheet.compare(c, 3, "<co") == 0) break;
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
