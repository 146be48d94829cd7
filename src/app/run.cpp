#include "app/run.h"

#include <fstream>
#include <sstream>

#include "app/paths.h"
#include "app/provenance.h"
#include "app/upgrade.h"
#include "store/schema_check.h"
#include "model/i18n.h"

namespace ntm::app {

namespace fs = std::filesystem;

void configure_catalog(Catalog& catalog, const std::map<std::string, std::string>& args) {
  int year = 0;
  if (auto y = args.find("year"); y != args.end()) year = std::atoi(y->second.c_str());
  if (auto a = args.find("as-of"); a != args.end() && !a->second.empty()) {
    auto iso = parse_iso_date(a->second);
    if (!iso) throw std::invalid_argument("--as-of: " + tr("ngày '", "date '") + a->second +
                                          tr("' không hợp lệ (viết DD/MM/YYYY, ví dụ 31/12/2024)", "' is not valid (write DD/MM/YYYY)"));
    catalog.set_as_of(*iso, year);
  } else if (year) {
    catalog.set_as_of(year_end(year), year, false);
  }
  if (auto s = args.find("set"); s != args.end()) catalog.set_given_set(s->second);
}

QuestionMap question_map(const store::Database& db, const std::string& as_of, int year) {
  QuestionMap m;
  if (!as_of.empty()) {
    auto iso = parse_iso_date(as_of);
    if (!iso) throw std::invalid_argument("--as-of: " + tr("ngày '", "date '") + as_of + tr("' không hợp lệ (viết DD/MM/YYYY)", "' is not valid"));
    m.date = *iso;
    m.year = year ? year : std::atoi(iso->substr(0, 4).c_str());
    m.given = true;
    m.note = tr("bản đồ hành chính ngày ", "the administrative map of ") + vn_date(m.date) + tr(" (--as-of)", " (--as-of)");
    return m;
  }
  if (year) {
    m.year = year;
    m.date = year_end(year);
    m.note = tr("bản đồ hành chính ngày ", "the administrative map of ") + vn_date(m.date);
    return m;
  }
  auto latest = db.scalar("SELECT max(y) FROM (SELECT max(year) AS y FROM indicator_value UNION ALL "
                          "SELECT max(year) FROM criterion_status)");
  if (latest && std::holds_alternative<std::int64_t>(*latest)) {
    m.year = static_cast<int>(std::get<std::int64_t>(*latest));
    m.date = year_end(m.year);
    m.note = tr("bản đồ hành chính ngày ", "the administrative map of ") + vn_date(m.date) +
             tr(" (năm mới nhất có số liệu; đổi bằng --year hoặc --as-of)", " (the latest year with data; change with --year or --as-of)");
  } else {
    m.date = today();
    m.year = std::atoi(m.date.substr(0, 4).c_str());
    m.note = tr("bản đồ hành chính hôm nay ", "today's administrative map ") + vn_date(m.date) +
             tr(" (chưa có số liệu; đổi bằng --year hoặc --as-of)", " (no data yet; change with --year or --as-of)");
  }
  return m;
}

store::Database open_for_reading(const fs::path& db) {
  std::error_code ec;
  if (!fs::is_regular_file(db, ec))
    throw std::runtime_error(tr("chưa có cơ sở dữ liệu ", "no database at ") + db.string() +
                             tr(" (tạo bằng: ntm init --sample dien-bien-2020, hoặc chỉ ra bằng --db / NTM_DB)",
                                " (create one with: ntm init --sample dien-bien-2020, or name it with --db / NTM_DB)"));
  {
    // A database made by an older ntm is upgraded first (it cannot be read as it is).
    // The schema is checked before anything reads the file (a foreign object would run then).
    store::Database probe(db, store::OpenMode::ReadOnly);
    store::check_schema(probe, data_dir() / "db");
    if (!needs_upgrade(probe)) return probe;   // the usual case: one connection, one check
    store::Database writer = open_for_writing(db);
    (void)writer;
  }
  store::Database database(db, store::OpenMode::ReadOnly);
  store::check_schema(database, data_dir() / "db");
  return database;
}

store::Database open_for_scripts(const fs::path& db) {
  store::Database database = open_for_reading(db);
  database.restrict_to_reads();
  return database;
}

namespace {

std::string leading_comment(const fs::path& script) {
  // Only the start of the file: a description is a few lines, and a file of one huge line
  // must not be read whole for --help.
  std::ifstream file(script, std::ios::binary);
  std::string head(64 * 1024, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  std::istringstream in(head);
  std::string line, text;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) != 0) break;
    auto dashes = line.find_first_not_of('-');
    std::string body = dashes == std::string::npos ? std::string() : line.substr(dashes);
    if (body.rfind("@", 0) == 0 || body.rfind(" @", 0) == 0) continue;   // annotations
    if (auto start = body.find_first_not_of(' '); start != std::string::npos) body = body.substr(start);
    else body.clear();
    if (body.empty()) {
      if (!text.empty()) break;
      continue;
    }
    text += (text.empty() ? "" : " ") + body;
  }
  return text;
}

}  // namespace

bool script_disabled(const fs::path& script) {
  std::ifstream in(script);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) != 0) break;
    auto body = line.find_first_not_of("- \t");
    if (body != std::string::npos && line.compare(body, 9, "@disabled") == 0) return true;
  }
  return false;
}

ScriptInfo describe_script(const fs::path& script) {
  ScriptInfo info;
  info.description = leading_comment(script);
  info.disabled = script_disabled(script);
  store::Database memory = store::Database::memory();
  std::ostringstream sink;
  lua::Context context(memory, sink, sink);
  context.describe = true;
  context.script_dirs = script_dirs();
  lua::Limits limits;
  limits.seconds = 5;
  limits.memory_bytes = 64u << 20;
  limits.instructions = 10'000'000;
  try {
    lua::Host host(context, limits);
    host.run_file(script);
  } catch (const lua::DescribeDone&) {
  } catch (const std::exception&) {
  }
  info.params = context.params;
  return info;
}

std::string param_type_name(const std::string& type) {
  if (type == "string") return tr("chuỗi", "text");
  if (type == "integer") return tr("số nguyên", "integer");
  if (type == "number") return tr("số", "number");
  if (type == "boolean") return tr("có/không", "yes/no");
  return type;
}

void print_script_help(const fs::path& script, const ScriptInfo& info, std::ostream& out) {
  out << tr("Script: ", "Script: ") << script.string() << "\n";
  if (!info.description.empty()) out << info.description << "\n";
  if (info.params.empty()) {
    out << tr("Script không khai báo tham số.\n", "The script declares no parameters.\n");
    return;
  }
  out << tr("Tham số:\n", "Parameters:\n");
  for (const auto& p : info.params) {
    out << "  --" << p.name << " <" << param_type_name(p.type) << ">";
    if (p.required) out << tr(" (bắt buộc)", " (required)");
    if (p.has_default) out << tr(" (mặc định: ", " (default: ") << p.default_value << ")";
    if (!p.choices.empty()) {
      out << " [";
      for (std::size_t i = 0; i < p.choices.size(); ++i) out << (i ? "|" : "") << p.choices[i];
      out << "]";
    }
    if (!p.help.empty()) out << "\n      " << p.help;
    out << "\n";
  }
}

std::unique_ptr<Session> Session::sibling() const {
  auto other = std::make_unique<Session>(path);
  other->cache->packs = cache->packs;
  other->cache->whole_map = cache->whole_map;
  other->script_dirs = script_dirs;
  other->rules = rules;
  other->rules_besides = rules_besides;
  other->files = files;
  return other;
}

RunResult run_script(const fs::path& db, const fs::path& script, const std::map<std::string, std::string>& args,
                     const lua::Limits& limits, std::ostream& out, std::ostream& err,
                     const std::function<void(lua::Host&)>& after, bool lenient_args,
                     const std::map<std::string, std::string>& defaults,
                     std::shared_ptr<const report::Profile> profile) {
  Session session(db);
  return run_script(session, script, args, limits, out, err, after, lenient_args, defaults, std::move(profile));
}

RunResult run_script(Session& session, const fs::path& script, const std::map<std::string, std::string>& args,
                     const lua::Limits& limits, std::ostream& out, std::ostream& err,
                     const std::function<void(lua::Host&)>& after, bool lenient_args,
                     const std::map<std::string, std::string>& defaults,
                     std::shared_ptr<const report::Profile> profile) {
  return std::move(run_scripts(session, {ScriptStep{script, lenient_args, after}}, args, limits, out, err, defaults,
                               std::move(profile))
                       .front());
}

std::vector<RunResult> run_scripts(Session& session, const std::vector<ScriptStep>& steps,
                                   const std::map<std::string, std::string>& args, const lua::Limits& limits,
                                   std::ostream& out, std::ostream& err, const std::map<std::string, std::string>& defaults,
                                   std::shared_ptr<const report::Profile> profile) {
  lua::Context context(session.database, out, err, session.cache);
  context.args = args;
  context.defaults = defaults;
  context.script_dirs = session.script_dirs;
  context.files = session.files;
  // The map date and criteria set from the command line, else from ntm.toml.
  std::map<std::string, std::string> given = args;
  given.insert(defaults.begin(), defaults.end());
  configure_catalog(context.catalog, given);
  context.profile = std::move(profile);
  context.boundaries_dir = data_dir() / "db" / "boundaries";
  std::vector<RunResult> results;
  lua::Host host(context, limits);
  for (const ScriptStep& step : steps) {
    if (!results.empty()) {
      // What the earlier script left in the context is its own; the state is renewed.
      context.params.clear();
      context.param_values.clear();
      context.lookup = {};
      context.script_description.clear();
      context.printed_bytes = 0;
      context.usage_error.clear();
      host.next_script();
    }
    context.lenient_args = step.lenient_args;
    try {
      host.load_file(step.script);
      host.call(0, 1);
      if (step.after) step.after(host);
    } catch (const lua::ScriptError& e) {
      if (!context.usage_error.empty()) throw lua::ScriptError(lua::ErrorKind::Usage, context.usage_error, e.file, e.line);
      throw;
    }
    RunResult result{std::move(context.findings), {}};
    context.findings.clear();
    for (const auto& [path, sha] : context.scripts_run) {
      auto label = session.labels.find(path);
      if (label == session.labels.end()) label = session.labels.emplace(path, script_label(path, session.script_dirs)).first;
      result.scripts_run[label->second] = sha;
    }
    context.scripts_run.clear();
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace ntm::app
