#include "app/init.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "app/copy.h"
#include "app/paths.h"
#include "app/server.h"
#include "app/upgrade.h"
#include "lua/sample.h"
#include "model/i18n.h"
#include "store/connection.h"
#include "store/schema.h"

namespace ntm::app {

namespace fs = std::filesystem;

namespace {

void remove_database_files(const fs::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ec);
}

// Removes the temporary database unless released.
struct TempDatabase {
  fs::path path;
  bool keep = false;
  ~TempDatabase() {
    if (!keep) remove_database_files(path);
  }
};

}  // namespace

std::vector<std::string> sample_names() {
  std::vector<std::string> names;
  fs::path dir = data_dir() / "db" / "samples";
  std::error_code ec;
  if (fs::is_directory(dir, ec))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".lua" && e.path().stem() != "lib") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

InitSummary init_database(const InitOptions& options, std::ostream& out) {
  InitSummary summary;
  fs::path db_dir = data_dir() / "db";
  std::error_code ec;
  if (fs::exists(options.db, ec) && !options.force)
    throw std::invalid_argument(tr("cơ sở dữ liệu ", "database ") + options.db.string() +
                                tr(" đã có; dùng --force để tạo lại (dữ liệu cũ sẽ mất)",
                                   " already exists; use --force to recreate it (its data will be lost)"));
  fs::path generator;
  if (!options.sample.empty()) {
    generator = db_dir / "samples" / (options.sample + ".lua");
    if (!fs::is_regular_file(generator)) {
      std::string list;
      for (const auto& n : sample_names()) list += (list.empty() ? "" : ", ") + n;
      throw std::invalid_argument(tr("không có bộ dữ liệu mẫu '", "no sample named '") + options.sample +
                                  tr("' (có: ", "' (available: ") + list + ")");
    }
  }
  fs::path parent = options.db.parent_path().empty() ? fs::path(".") : options.db.parent_path();
  TempDatabase temp{parent / (options.db.filename().string() + ".tmp-" + std::to_string(::getpid()))};
  remove_database_files(temp.path);
  {
    store::Database db(temp.path, store::OpenMode::Create);
    summary.schema_version = store::migrate(db, db_dir);
    MapHistoryReport history;
    {
      store::Transaction tx(db);
      history = load_reference_data(db);
      tx.commit();
    }
    summary.units = std::get<std::int64_t>(*db.scalar("SELECT count(*) FROM unit"));
    summary.indicators = std::get<std::int64_t>(*db.scalar("SELECT count(*) FROM indicator"));
    summary.criteria_sets = std::get<std::int64_t>(*db.scalar("SELECT count(*) FROM criteria_set"));
    out << tr("Lược đồ phiên bản ", "Schema version ") << summary.schema_version << "; " << summary.units
        << tr(" đơn vị hành chính qua các thời kỳ, ", " units over time, ") << summary.indicators << tr(" chỉ tiêu", " indicators") << "\n";
    out << tr("Bản đồ hành chính từ 02/02/2020 đến nay: ", "The map from 02/02/2020 to today: ") << history.dates
        << tr(" ngày thay đổi, ", " dates of change, ") << history.successions << tr(" quan hệ kế thừa; ", " successions; ")
        << history.ended_without_successor << tr(" đơn vị kết thúc không rõ đơn vị kế thừa, ", " units ended with no recorded successor, ")
        << history.unresolved << tr(" tên trong văn bản sáp nhập chưa xác định được đơn vị", " names in the reform's texts not resolved to a unit")
        << (history.skipped.empty() ? "" : tr("; bỏ qua ", "; skipped ") + std::to_string(history.skipped.size())) << ".\n";
    if (!generator.empty()) {
      store::Database reader(temp.path, store::OpenMode::ReadOnly);
      reader.restrict_to_reads();
      std::ostringstream script_out;
      lua::Context context(reader, script_out, std::cerr);
      context.script_dirs = script_dirs();
      lua::Host host(context, options.limits);
      store::Transaction tx(db);
      auto counts = lua::load_sample(host, db, db_dir / "samples" / "lib.lua", generator, options.sample_params);
      auto meta = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('sample', ?)");
      meta.bind(1, options.sample).run();
      tx.commit();
      out << tr("Dữ liệu mẫu ", "Sample ") << options.sample << tr(", số dòng theo bảng:", ", rows per table:");
      for (const auto& [table, n] : counts.rows) out << " " << table << "=" << n;
      out << "\n";
    }
  }
  if (options.force) remove_database_files(options.db);
  fs::rename(temp.path, options.db);
  temp.keep = true;
  return summary;
}

InitSummary init_server_database(const std::string& address, const InitOptions& options, std::ostream& out) {
  ServerInit server = init_server(address);
  out << tr("Máy chủ PostgreSQL ", "PostgreSQL server ") << server.server << tr(", cơ sở dữ liệu \"", ", database \"") << server.database
      << "\": " << (server.created ? tr("đã tạo lược đồ phiên bản ", "created the schema, version ") : tr("lược đồ phiên bản ", "schema version "))
      << server.version << tr(", bản đồ: ", ", map: ") << server.map_rows << tr(" dòng mới", " new rows") << ".\n";
  if (!options.sample.empty()) {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    InitOptions file = options;
    file.db = (ec ? fs::path("/tmp") : dir) / ("ntm-init-" + std::to_string(::getpid()) + ".db");
    file.force = true;
    struct Remove {
      fs::path path;
      ~Remove() { remove_database_files(path); }
    } remove{file.db};
    init_database(file, out);
    for (const auto& report : copy_every_province(file.db.string(), address, options.force))
      out << tr("Tỉnh ", "Province ") << report.province_name << " (" << report.province_code << "): "
          << report.total(&TableChange::added) << tr(" dòng thêm, ", " rows added, ") << report.total(&TableChange::changed)
          << tr(" dòng thay", " rows replaced") << ".\n";
  }
  auto conn = store::postgres_connection(store::PgConnection(address));
  auto count = [&](const char* sql) { return std::get<std::int64_t>(conn->query(sql).rows.at(0).at(0)); };
  InitSummary summary;
  summary.schema_version = server.version;
  summary.server = server.server + tr(" (cơ sở dữ liệu \"", " (database \"") + server.database + "\")";
  summary.units = count("SELECT count(*) FROM unit");
  summary.indicators = count("SELECT count(*) FROM indicator");
  summary.criteria_sets = count("SELECT count(*) FROM criteria_set");
  return summary;
}

std::filesystem::path ensure_database(const std::filesystem::path& path, const std::string& sample) {
  if (!std::filesystem::exists(path)) {
    InitOptions options;
    options.db = path;
    options.sample = sample;
    options.limits.seconds = 600;
    options.limits.memory_bytes = 2048u << 20;
    options.limits.instructions = 100'000'000'000LL;
    std::ostringstream sink;
    init_database(options, sink);
  }
  return path;
}

}  // namespace ntm::app
