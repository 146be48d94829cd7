// ntm test DIR [--db FILE] [limits]: runs the user's own Lua test files (*_test.lua,
// test_*.lua under DIR) against a sample database, each in a fresh sandbox with the `test`
// helpers; a file passes when it returns "OK". Prints OK / FAIL file:line per file; exit 1
// when any fails.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "app/init.h"
#include "app/paths.h"
#include "app/run.h"
#include "cli/commands_extra.h"
#include "cli/common.h"
#include "cli/worker.h"
#include "lua/evaluate.h"
#include "lua/to_json.h"
#include "model/i18n.h"

namespace ntm::cli {

namespace {

namespace fs = std::filesystem;

bool is_test_file(const fs::path& p) {
  std::string name = p.filename().string();
  auto ends = [&](const std::string& s) { return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0; };
  return p.extension() == ".lua" && (ends("_test.lua") || name.rfind("test_", 0) == 0);
}

// A temporary sample database, removed with its folder when done.
struct TempSample {
  fs::path dir, db;
  TempSample() {
    std::string pattern = (fs::temp_directory_path() / "ntm-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error(tr("không tạo được thư mục tạm", "cannot create a temporary folder"));
    dir = pattern;
    db = dir / "dien-bien-2020.db";
    app::InitOptions init;
    init.db = db;
    init.sample = "dien-bien-2020";
    std::ostringstream quiet;
    app::init_database(init, quiet);
  }
  ~TempSample() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// Runs one test file; returns "" when it passed, else the failure text.
std::string run_test(const fs::path& db, const fs::path& file, const lua::Limits& limits) {
  store::Database database = app::open_for_scripts(db);
  lua::Context context(database, std::cout, std::cerr);
  fs::path dir = file.parent_path();
  context.script_dirs = {dir, dir.parent_path()};
  for (const auto& d : app::script_dirs()) context.script_dirs.push_back(d);
  context.lenient_args = true;
  try {
    lua::Host host(context, limits);
    lua::install_test_helpers(host, dir);
    host.load_file(file);
    host.call(0, 1);
    auto result = lua::take_json(host);
    if (result.is_string() && result.get<std::string>() == "OK") return {};
    return file.string() + tr(": tệp kiểm thử phải trả về \"OK\", đã trả về ", ": a test file must return \"OK\", it returned ") +
           result.dump();
  } catch (const lua::ScriptError& e) {
    std::string message = e.what();
    if (!e.file.empty() && message.find(e.file) == std::string::npos)
      message = e.file + ":" + std::to_string(e.line) + ": " + message;
    if (e.kind == lua::ErrorKind::Limit) message = tr("bị dừng: ", "stopped: ") + message;
    return message;
  }
}

}  // namespace

void add_test(CLI::App& app, Global& global) {
  struct Options {
    std::string dir;
    LimitFlags limits;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("test", tr("chạy các tệp kiểm thử Lua của bạn (*_test.lua trả về \"OK\") trên CSDL mẫu",
                                            "run your Lua test files (*_test.lua returning \"OK\") on a sample database"));
  mark_required(cmd->add_option("dir", o->dir, tr("thư mục (hoặc một tệp) kiểm thử, ví dụ scripts/tests",
                                                   "test folder (or one file), e.g. scripts/tests"))
                    ->option_text(tr("THƯ_MỤC", "FOLDER")));
  add_limit_flags(cmd, o->limits);
  add_global_options(cmd, global);
  cmd->get_option("--db")->description(tr("CSDL để kiểm thử (mặc định: tạo CSDL mẫu dien-bien-2020 tạm thời)",
                                          "database to test on (default: a temporary dien-bien-2020 sample)"));
  on_run(cmd, global, [&global, o] {
    return supervised(o->limits.limits(), std::nullopt, [&] {
      if (o->dir.empty()) throw std::invalid_argument(tr("thiếu THƯ_MỤC kiểm thử, ví dụ: ntm test scripts/tests",
                                                          "missing the test FOLDER, e.g. ntm test scripts/tests"));
      std::vector<fs::path> files;
      std::error_code ec;
      if (fs::is_regular_file(o->dir, ec)) {
        files.push_back(o->dir);
      } else if (fs::is_directory(o->dir, ec)) {
        for (const auto& e : fs::recursive_directory_iterator(o->dir))
          if (e.is_regular_file() && is_test_file(e.path())) files.push_back(e.path());
      } else {
        throw std::invalid_argument(tr("không có thư mục ", "no folder ") + o->dir);
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) {
        std::cerr << tr("Không có tệp kiểm thử (*_test.lua hoặc test_*.lua) trong ", "No test files (*_test.lua or test_*.lua) in ") << o->dir << "\n";
        return kDataError;
      }
      std::string db_flag = global.db;
      std::unique_ptr<TempSample> sample;
      fs::path db;
      if (db_flag.empty()) {
        sample = std::make_unique<TempSample>();
        db = sample->db;
      } else {
        db = app::database_path(db_flag);
      }
      int failed = 0;
      for (const auto& f : files) {
        std::string failure = run_test(db, f, o->limits.limits());
        if (failure.empty()) std::cout << "OK    " << f.string() << "\n";
        else { std::cout << "FAIL  " << failure << "\n"; ++failed; }
        std::cout.flush();
      }
      std::cout << files.size() - failed << tr(" đạt, ", " passed, ") << failed << tr(" lỗi\n", " failed\n");
      return failed ? kDataError : kOk;
    });
  });
}

}  // namespace ntm::cli
