// Template filling on the WordprocessingML text: paragraphs are found by their tags, the text
// of their <w:t> elements is joined to find placeholders that Word split across runs, and
// only those <w:t> elements are rewritten.
#include "report/docx_template.h"

#include <algorithm>

#include "report/docx_parts.h"
#include "report/docx_read.h"
#include "report/writer.h"
#include "report/xml.h"

namespace ntm::report {

namespace {

bool is_text_part(const std::string& name) {
  if (name == "word/document.xml" || name == "word/footnotes.xml" || name == "word/endnotes.xml") return true;
  auto starts = [&](const char* p) { return name.rfind(p, 0) == 0 && name.size() > 4 && name.substr(name.size() - 4) == ".xml"; };
  return starts("word/header") || starts("word/footer");
}

// Finds the next element `<tag ...>…</tag>` (or `<tag>`) at or after `from`; returns
// [begin, end) or {npos, npos}. Same-named elements nested inside are counted.
std::pair<std::size_t, std::size_t> next_element(const std::string& xml, const std::string& tag, std::size_t from) {
  const std::string open = "<" + tag, close = "</" + tag + ">";
  auto is_open_at = [&](std::size_t i) {
    if (xml.compare(i, open.size(), open) != 0) return false;
    char c = i + open.size() < xml.size() ? xml[i + open.size()] : '\0';
    return c == ' ' || c == '>' || c == '/';
  };
  std::size_t i = from;
  while ((i = xml.find(open, i)) != std::string::npos && !is_open_at(i)) ++i;
  if (i == std::string::npos) return {std::string::npos, std::string::npos};
  std::size_t gt = xml.find('>', i);
  if (gt == std::string::npos) return {std::string::npos, std::string::npos};
  if (xml[gt - 1] == '/') return {i, gt + 1};   // <w:p/>
  int depth = 1;
  std::size_t j = gt + 1;
  while (depth > 0) {
    std::size_t next_close = xml.find(close, j);
    if (next_close == std::string::npos) return {std::string::npos, std::string::npos};
    std::size_t k = j;
    while ((k = xml.find(open, k)) != std::string::npos && k < next_close) {
      if (is_open_at(k)) {
        std::size_t g = xml.find('>', k);
        if (g != std::string::npos && xml[g - 1] != '/') ++depth;
      }
      ++k;
    }
    --depth;
    j = next_close + close.size();
  }
  return {i, j};
}

// The <w:t> elements of a paragraph: where their text sits and the text itself.
struct TextSpan {
  std::size_t begin, end;   // of the content between <w:t ...> and </w:t>
  std::string text;         // unescaped
};

std::vector<TextSpan> text_spans(const std::string& p) {
  std::vector<TextSpan> out;
  std::size_t i = 0;
  while ((i = p.find("<w:t", i)) != std::string::npos) {
    char c = i + 4 < p.size() ? p[i + 4] : '\0';
    if (c != '>' && c != ' ' && c != '/') { ++i; continue; }
    std::size_t gt = p.find('>', i);
    if (gt == std::string::npos) break;
    if (p[gt - 1] == '/') { i = gt; continue; }
    std::size_t close = p.find("</w:t>", gt);
    if (close == std::string::npos) break;
    out.push_back({gt + 1, close, xml_unescape(p.substr(gt + 1, close - gt - 1))});
    i = close + 6;
  }
  return out;
}

std::string trim(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

struct Filler {
  const Document& doc;
  const std::map<std::string, std::string>* item = nullptr;   // the list item of a repeated row
  std::string list;                                           // its list name
  std::vector<std::string> unknown;
  int replaced = 0;

  // The value of a placeholder, or nullptr when there is none.
  const std::string* value(const std::string& name) const {
    if (item) {
      std::size_t dot = name.find('.');
      if (dot != std::string::npos && name.substr(0, dot) == list) {
        auto it = item->find(name.substr(dot + 1));
        if (it != item->end()) return &it->second;
      }
    }
    auto it = doc.fields.find(name);
    return it == doc.fields.end() ? nullptr : &it->second;
  }

  // One paragraph: unchanged (the same bytes) unless its joined text has a placeholder.
  std::string paragraph(const std::string& p) {
    std::vector<TextSpan> spans = text_spans(p);
    std::string joined;
    std::vector<std::size_t> owner;   // span of each byte of `joined`
    std::vector<std::size_t> offset;  // offset inside that span
    for (std::size_t s = 0; s < spans.size(); ++s)
      for (std::size_t k = 0; k < spans[s].text.size(); ++k) {
        joined += spans[s].text[k];
        owner.push_back(s);
        offset.push_back(k);
      }
    if (joined.find("{{") == std::string::npos) return p;
    // Placeholders from last to first, so earlier positions stay valid.
    struct Hit {
      std::size_t begin, end;
      std::string name;
    };
    std::vector<Hit> hits;
    for (std::size_t i = 0; (i = joined.find("{{", i)) != std::string::npos;) {
      std::size_t e = joined.find("}}", i + 2);
      if (e == std::string::npos) break;
      hits.push_back({i, e + 2, trim(joined.substr(i + 2, e - i - 2))});
      i = e + 2;
    }
    std::vector<std::string> texts;
    for (const TextSpan& s : spans) texts.push_back(s.text);
    bool changed = false;
    for (auto h = hits.rbegin(); h != hits.rend(); ++h) {
      const std::string* v = value(h->name);
      if (!v) {
        if (std::find(unknown.begin(), unknown.end(), h->name) == unknown.end()) unknown.push_back(h->name);
        continue;
      }
      std::size_t first = owner[h->begin], last = owner[h->end - 1];
      std::size_t a = offset[h->begin], b = offset[h->end - 1] + 1;
      std::string tail = texts[last].substr(b);
      if (first == last) {
        texts[first] = texts[first].substr(0, a) + *v + tail;
      } else {
        texts[first] = texts[first].substr(0, a) + *v;
        for (std::size_t k = first + 1; k < last; ++k) texts[k].clear();
        texts[last] = tail;
      }
      ++replaced;
      changed = true;
    }
    if (!changed) return p;
    std::string out;
    std::size_t at = 0;
    for (std::size_t s = 0; s < spans.size(); ++s) {
      // Opening tag: make sure spaces at the ends of the new text are kept.
      std::size_t tag = p.rfind("<w:t", spans[s].begin);
      std::string open = p.substr(tag, spans[s].begin - tag);
      out += p.substr(at, tag - at);
      if (open.find("xml:space") == std::string::npos) open = "<w:t xml:space=\"preserve\">";
      out += open + xml_escape(texts[s]);
      at = spans[s].end;
    }
    return out + p.substr(at);
  }

  // Every paragraph of `xml`.
  std::string paragraphs(const std::string& xml) {
    std::string out;
    std::size_t at = 0;
    for (;;) {
      auto [b, e] = next_element(xml, "w:p", at);
      if (b == std::string::npos) break;
      out += xml.substr(at, b - at) + paragraph(xml.substr(b, e - b));
      at = e;
    }
    return out + xml.substr(at);
  }

  // Table rows that name a list are repeated per item; other rows are left to paragraphs().
  std::string rows(const std::string& xml) {
    std::string out;
    std::size_t at = 0;
    for (;;) {
      auto [b, e] = next_element(xml, "w:tr", at);
      if (b == std::string::npos) break;
      std::string row = xml.substr(b, e - b);
      std::string joined;
      for (const TextSpan& s : text_spans(row)) joined += s.text;
      std::string name;
      for (std::size_t i = 0; (i = joined.find("{{", i)) != std::string::npos; i += 2) {
        std::size_t e2 = joined.find("}}", i);
        if (e2 == std::string::npos) break;
        std::string inner = trim(joined.substr(i + 2, e2 - i - 2));
        std::size_t dot = inner.find('.');
        if (dot != std::string::npos && doc.lists.count(inner.substr(0, dot))) {
          name = inner.substr(0, dot);
          break;
        }
      }
      out += xml.substr(at, b - at);
      if (name.empty()) {
        out += row;
      } else {
        for (const auto& entry : doc.lists.at(name)) {
          Filler f{doc, &entry, name, {}, 0};
          out += f.paragraphs(row);
          replaced += f.replaced;
          for (const auto& u : f.unknown)
            if (std::find(unknown.begin(), unknown.end(), u) == unknown.end()) unknown.push_back(u);
        }
      }
      at = e;
    }
    return out + xml.substr(at);
  }
};

}  // namespace

FilledTemplate fill_template(const std::filesystem::path& template_path, const Document& doc) {
  auto parts = read_zip(template_path);
  if (std::none_of(parts.begin(), parts.end(), [](const auto& p) { return p.first == "word/document.xml"; }))
    throw WriteError("Tệp mẫu '" + template_path.string() + "' không phải văn bản Word (.docx)");
  Filler filler{doc, nullptr, {}, {}, 0};
  for (auto& [name, bytes] : parts) {
    if (!is_text_part(name)) continue;
    std::string expanded = filler.rows(bytes);
    bytes = filler.paragraphs(expanded);
  }
  FilledTemplate out;
  out.bytes = docx::zip(parts, creation_time(doc));
  out.unknown = filler.unknown;
  out.replaced = filler.replaced;
  return out;
}

std::vector<std::string> template_placeholders(const std::filesystem::path& template_path) {
  std::vector<std::string> out;
  for (const auto& [name, bytes] : read_zip(template_path)) {
    if (!is_text_part(name)) continue;
    std::size_t at = 0;
    for (;;) {
      auto [b, e] = next_element(bytes, "w:p", at);
      if (b == std::string::npos) break;
      std::string joined;
      for (const TextSpan& s : text_spans(bytes.substr(b, e - b))) joined += s.text;
      for (std::size_t i = 0; (i = joined.find("{{", i)) != std::string::npos;) {
        std::size_t e2 = joined.find("}}", i);
        if (e2 == std::string::npos) break;
        std::string n = trim(joined.substr(i + 2, e2 - i - 2));
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
        i = e2 + 2;
      }
      at = e;
    }
  }
  return out;
}

}  // namespace ntm::report
