#include "cli/script_list.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "app/paths.h"
#include "app/run.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace fs = std::filesystem;

namespace {

// What the script is, in a few words, so that one script takes one line: its description up
// to the first ':' or '.', at most about 70 columns.
std::string headline(const std::string& text) {
  std::string out = text.substr(0, std::min(text.find(": "), text.find(". ")));
  if (display_width(out) <= 70) return out;
  std::string cut;
  std::istringstream words(out);
  for (std::string w; words >> w;) {
    if (display_width(cut + " " + w) > 68) break;
    cut += (cut.empty() ? "" : " ") + w;
  }
  return cut + " …";
}

}  // namespace

std::string script_list(const std::vector<std::string>& kinds, bool parameters, const std::string& title,
                        const std::vector<std::string>& skip) {
  std::map<std::string, fs::path> found;   // "reports/annual" → file; the first folder wins
  for (const auto& dir : app::script_dirs())
    for (const auto& kind : kinds) {
      std::error_code ec;
      for (fs::directory_iterator it(dir / kind, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".lua") found.emplace(kind + "/" + it->path().stem().string(), it->path());
    }
  std::ostringstream out;
  out << (title.empty() ? tr("Các script có sẵn:", "Scripts available:") : title) << "\n";
  if (found.empty()) out << tr("  (không có)\n", "  (none)\n");
  std::size_t width = 0;
  for (const auto& [name, path] : found) width = std::max<std::size_t>(width, static_cast<std::size_t>(display_width(name)));
  for (const auto& [name, path] : found) {
    auto info = app::describe_script(path);
    std::string text = headline(info.description);
    if (info.disabled) text = tr("(chưa bật) ", "(not switched on) ") + text;
    out << "  " << name << std::string(width - static_cast<std::size_t>(display_width(name)) + 2, ' ') << text << "\n";
    if (!parameters) continue;
    for (const auto& p : info.params) {
      if (std::find(skip.begin(), skip.end(), p.name) != skip.end()) continue;
      out << "      --" << p.name << " <" << app::param_type_name(p.type) << ">";
      if (p.required) out << tr(" (bắt buộc)", " (required)");
      if (p.has_default) out << tr(" (mặc định: ", " (default: ") << p.default_value << ")";
      if (!p.help.empty()) out << "  " << p.help;
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace ntm::cli
