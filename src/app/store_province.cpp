#include "app/store_province.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <variant>
#include <vector>

#include "model/i18n.h"
#include "model/text.h"
#include "store/pg_schema.h"
#include "store/schema.h"

namespace ntm::app {

namespace {

using store::Value;

std::string text_of(const Value& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

struct ProvinceName {
  std::string code, name, name_with_type;
  bool current = false;
};

// Every name a province carried, the current ones first, then the latest.
std::vector<ProvinceName> province_names(store::Connection& conn) {
  std::vector<ProvinceName> out;
  for (const auto& row : conn.query("SELECT u.code, p.name, p.name_with_type, p.valid_to IS NULL FROM unit u "
                                    "JOIN unit_period p ON p.unit_id = u.id WHERE u.kind = 'province' "
                                    "ORDER BY p.valid_to IS NULL DESC, coalesce(p.valid_from, '') DESC")
                                .rows)
    out.push_back({text_of(row[0]), text_of(row[1]), text_of(row[2]), std::get<std::int64_t>(row[3]) != 0});
  return out;
}

}  // namespace

std::string describe(const store::Connection& conn) {
  if (conn.engine() == store::Engine::Postgres)
    return tr("máy chủ PostgreSQL ", "the PostgreSQL server ") + conn.location() + tr(" (cơ sở dữ liệu \"", " (database \"") +
           conn.database() + "\")";
  return tr("tệp ", "the file ") + conn.location();
}

std::string where_suffix(const store::Connection& conn) {
  return (conn.engine() == store::Engine::Postgres ? tr(" trên ", " on ") : tr(" trong ", " in ")) + describe(conn);
}

void require_current_schema(store::PgConnection& conn) {
  int version = store::pg_schema_version(conn);
  if (version == store::kSchemaVersion) return;
  throw std::runtime_error((version == 0 ? tr("chưa có lược đồ ntm", "no ntm schema")
                                         : tr("lược đồ phiên bản ", "schema version ") + std::to_string(version)) +
                           where_suffix(*store::postgres_connection(conn)) + tr("; bản ntm này cần phiên bản ", "; this ntm needs version ") +
                           std::to_string(store::kSchemaVersion) + tr(" (tạo bằng: ntm server init)", " (make it with: ntm server init)"));
}

std::string province_name(store::Connection& conn, const std::string& code) {
  for (const auto& p : province_names(conn))
    if (p.code == code) return p.name;
  return "";
}

std::int64_t province_id(store::Connection& conn, const std::string& code) {
  return std::max<std::int64_t>(store::province_identity(conn, code), 0);
}

std::vector<std::int64_t> province_identities(store::Connection& conn, const std::string& code, const std::string& given) {
  std::vector<std::int64_t> all, named;
  const std::string wanted = fold(given);
  for (const auto& row : conn.query("SELECT u.id, p.name, p.name_with_type FROM unit u JOIN unit_period p ON p.unit_id = u.id "
                                    "WHERE u.kind = 'province' AND u.code = ? ORDER BY u.id", {code}).rows) {
    std::int64_t id = std::get<std::int64_t>(row[0]);
    if (all.empty() || all.back() != id) all.push_back(id);
    if ((fold(text_of(row[1])) == wanted || fold(text_of(row[2])) == wanted) && (named.empty() || named.back() != id))
      named.push_back(id);
  }
  return named.empty() ? all : named;
}

std::string province_code(store::Connection& conn, const std::string& given) {
  if (given.empty() || fold(given) == "all") return "";
  auto provinces = province_names(conn);
  const std::string where = where_suffix(conn);
  bool digits = std::all_of(given.begin(), given.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    for (const auto& p : provinces)
      if (p.code == given) return given;
    throw std::invalid_argument("--province " + given + tr(": không có tỉnh nào mang mã này", ": no province has this code") + where);
  }
  const std::string wanted = fold(given);
  // Current names first: a code whose current name matches wins over one whose old name does.
  std::map<std::string, bool> codes;   // code → matched by a current name
  for (const auto& p : provinces)
    if (fold(p.name) == wanted || fold(p.name_with_type) == wanted) codes[p.code] = codes[p.code] || p.current;
  std::vector<std::string> current;
  for (const auto& [code, now] : codes)
    if (now) current.push_back(code);
  if (current.size() == 1) return current.front();
  if (current.empty() && codes.size() == 1) return codes.begin()->first;
  if (codes.empty()) {
    std::vector<std::string> names;
    for (const auto& p : provinces)
      if (p.current) names.push_back(p.name);
    auto near = closest(given, names);
    std::string hint;
    for (const auto& n : near) hint += (hint.empty() ? "" : ", ") + n;
    throw std::invalid_argument("--province " + clip(given) + tr(": không có tỉnh này", ": no such province") + where +
                                (hint.empty() ? (provinces.empty() ? tr("; chưa có đơn vị hành chính nào",
                                                                        "; there are no units yet")
                                                                   : "")
                                              : tr("; có phải: ", "; did you mean: ") + hint + "?"));
  }
  std::string list;
  for (const auto& [code, now] : codes) list += (list.empty() ? "" : ", ") + code;
  throw std::invalid_argument("--province " + clip(given) + tr(": tên này ứng với nhiều tỉnh (mã ", ": this name fits several provinces (codes ") +
                              list + tr("), hãy cho mã tỉnh", "); give the province code"));
}

}  // namespace ntm::app
