// ntm doc [NAME]: the reference of the Lua API, generated from the annotation file that
// editors read (scripts/meta/ntm.lua, LuaCATS ---@ comments), so both say the same; in
// Vietnamese, the descriptions come from scripts/meta/ntm.vi.txt (app/api_doc.h).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/api_doc.h"
#include "app/paths.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace {

using app::Entry;

std::string returns_text(const Entry& e) {
  std::string r;
  for (const auto& p : e.returns) r += (r.empty() ? "" : ", ") + p.type;
  return r.empty() ? "" : " → " + r;
}

void print_entry(const Entry& e, std::ostream& out) {
  switch (e.kind) {
    case Entry::Kind::Class:
      out << "\n== " << e.name << " ==\n";
      for (const auto& l : e.text) out << l << "\n";
      if (!e.fields.empty()) {
        std::size_t width = 0;
        for (const auto& f : e.fields) width = std::max<std::size_t>(width, static_cast<std::size_t>(display_width(f.name)));
        for (const auto& f : e.fields)
          out << "  ." << f.name << std::string(width - static_cast<std::size_t>(display_width(f.name)) + 2, ' ') << f.type
              << (f.text.empty() ? "" : "  — " + f.text) << "\n";
      }
      break;
    case Entry::Kind::Function:
      out << "\n" << e.signature << returns_text(e) << "\n";
      for (const auto& l : e.text) out << "    " << l << "\n";
      for (const auto& p : e.params)
        out << "    @" << p.name << " " << p.type << (p.text.empty() ? "" : "  — " + p.text) << "\n";
      for (const auto& p : e.returns)
        if (!p.text.empty()) out << "    → " << p.type << "  — " << p.text << "\n";
      break;
    case Entry::Kind::Value:
      out << "\n" << e.name << ": " << e.type << "\n";
      for (const auto& l : e.text) out << "    " << l << "\n";
      break;
  }
}

}  // namespace

void add_doc(CLI::App& app, Global& global) {
  auto name = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("doc", tr("tài liệu API Lua cho người viết script (từ tệp chú thích scripts/meta/ntm.lua)",
                                           "the Lua API reference for script writers (from scripts/meta/ntm.lua)"));
  cmd->add_option("name", *name, tr("chỉ in các mục có tên chứa chuỗi này (ví dụ: CommuneList, fmt)",
                                    "print only entries whose name contains this (e.g. CommuneList, fmt)"))
      ->option_text(tr("TÊN", "NAME"));
  add_global_options(cmd, global);
  on_run(cmd, global, [name] {
    auto path = app::data_dir() / "scripts" / "meta" / "ntm.lua";
    std::ifstream in(path);
    if (!in) throw std::runtime_error(tr("không đọc được ", "cannot read ") + path.string());
    auto entries = app::parse_annotations(in);
    if (current_lang() == Lang::Vi) {
      std::ifstream vi(app::data_dir() / "scripts" / "meta" / "ntm.vi.txt");
      if (vi) app::translate(entries, app::parse_translations(vi));
    }
    std::string wanted = fold(*name);
    std::ostringstream out;
    if (name->empty()) {
      out << tr("API Lua của ntm (sinh từ ", "The ntm Lua API (generated from ") << path.string() << ")\n"
          << tr("Tên, kiểu và ví dụ như trong tệp; lời mô tả tiếng Việt từ ntm.vi.txt cùng thư mục.\n", "")
          << tr("Trình soạn thảo có Lua language server đọc cùng tệp này: xem .luarc.json.example.\n",
                "Editors with a Lua language server read the same file: see .luarc.json.example.\n");
    }
    std::size_t shown = 0;
    for (const auto& e : entries) {
      if (!wanted.empty() && fold(e.name).find(wanted) == std::string::npos) continue;
      print_entry(e, out);
      ++shown;
    }
    if (shown == 0) {
      std::cerr << tr("Không có mục nào tên chứa '", "No entry named like '") << *name << "'\n";
      return kDataError;
    }
    std::cout << out.str();
    return kOk;
  });
}

}  // namespace ntm::cli
