#include "app/plans.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>

#include "app/provenance.h"
#include "model/map.h"
#include "model/hash.h"
#include "model/text.h"
#include "model/units.h"

namespace ntm::app {

namespace {

using ordered_json = nlohmann::ordered_json;

std::string real_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A weight or ratio for JSON: an integer when it is one (3, not 3.0).
ordered_json number_json(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ordered_json detail_json(const std::variant<std::int64_t, double, std::string, bool>& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return std::isfinite(*d) ? number_json(*d) : ordered_json(nullptr);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return std::get<bool>(v);
}

// Set-asides as stored in the params JSON.
std::vector<SetAsideLine> set_asides_from_params(const std::string& params) {
  std::vector<SetAsideLine> out;
  auto j = nlohmann::json::parse(params, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("set_asides") || !j["set_asides"].is_array()) return out;
  for (const auto& s : j["set_asides"]) {
    SetAsideLine line;
    line.name = s.value("name", "");
    line.amount = s.value("amount", std::int64_t{0});
    if (s.contains("share") && s["share"].is_number()) line.share = s["share"].get<double>();
    out.push_back(line);
  }
  return out;
}

}  // namespace

std::int64_t Plan::set_aside_total() const {
  std::int64_t s = 0;
  for (const auto& a : set_asides) s += a.amount;
  return s;
}

std::int64_t Plan::lines_total() const {
  std::int64_t s = 0;
  for (const auto& l : lines) s += l.amount;
  return s;
}

std::string params_json(const std::map<std::string, std::string>& args, const AllocatedPlan& run) {
  nlohmann::json j = nlohmann::json::object();   // std::map underneath: sorted keys
  j["args"] = nlohmann::json::object();
  for (const auto& [k, v] : args) j["args"][k] = v;
  j["step"] = run.request.step;
  j["by_district"] = run.request.by_district;
  j["set_asides"] = nlohmann::json::array();
  for (const auto& s : run.result.set_asides) {
    nlohmann::json a = {{"name", s.name}, {"amount", s.amount}};
    if (s.share) a["share"] = *s.share;
    j["set_asides"].push_back(a);
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string inputs_hash(const AllocatedPlan& run, const std::string& params) {
  const AllocationRequest& q = run.request;
  std::string text = "ntm-allocation-inputs-v1\n";
  text += "params " + params + "\n";
  text += "total " + std::to_string(q.total) + "\nstep " + std::to_string(q.step) + "\nby_district " +
          (q.by_district ? "1" : "0") + "\n";
  auto opt_int = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
  for (const auto& s : q.set_asides)
    text += "set_aside " + s.name + "\t" + opt_int(s.amount) + "\t" + (s.share ? real_text(*s.share) : "-") + "\n";
  std::vector<const Recipient*> rs;
  for (const auto& r : q.recipients) rs.push_back(&r);
  std::sort(rs.begin(), rs.end(), [](const Recipient* a, const Recipient* b) { return a->code < b->code; });
  for (const Recipient* r : rs)
    text += "recipient " + r->code + "\t" + real_text(r->weight) + "\t" + opt_int(r->fixed) + "\t" + opt_int(r->floor) +
            "\t" + opt_int(r->cap) + "\t" + r->district + "\t" +
            (r->counterpart_ratio ? real_text(*r->counterpart_ratio) : "-") + "\n";
  return sha256_hex(text);
}

Plan plan_from_run(const AllocatedPlan& run, const std::string& formula, const std::string& formula_source,
                   const std::map<std::string, std::string>& args, const std::string& province_code,
                   std::optional<int> year) {
  Plan plan;
  plan.formula = formula;
  plan.formula_source = formula_source;
  plan.formula_sha256 = sha256_hex(formula_source);
  plan.params = params_json(args, run);
  plan.inputs_hash = inputs_hash(run, plan.params);
  plan.province = province_code;
  plan.year = year;
  plan.total = run.result.total;
  plan.set_asides = run.result.set_asides;
  for (const AllocationLine& l : run.result.lines) {
    PlanLine line;
    line.code = l.code;
    auto name = run.names.find(l.code);
    line.name = name == run.names.end() ? l.code : name->second;
    line.district = l.district;
    line.weight = l.weight;
    line.amount = l.amount;
    line.counterpart = l.counterpart;
    line.explanation = l.explanation;
    line.group = l.group;
    line.coefficient = l.coefficient;
    line.details = l.details;
    plan.has_counterpart = plan.has_counterpart || l.counterpart.has_value();
    plan.lines.push_back(std::move(line));
  }
  return plan;
}

std::vector<PlanDistrict> district_totals(const Plan& plan) {
  std::map<std::string, PlanDistrict, VietnameseLess> by;   // districts in Vietnamese order
  bool any = false;
  for (const PlanLine& l : plan.lines) {
    any = any || !l.district.empty();
    PlanDistrict& d = by[l.district];
    d.district = l.district;
    ++d.recipients;
    d.weight += l.weight;
    d.amount += l.amount;
    d.counterpart += l.counterpart.value_or(0);
  }
  std::vector<PlanDistrict> out;
  if (!any) return out;
  for (auto& [name, d] : by) out.push_back(d);
  return out;
}

bool plan_exists(const store::Database& db, const std::string& name) {
  auto stmt = db.prepare("SELECT 1 FROM allocation_plan WHERE name = ?");
  stmt.bind(1, name);
  return stmt.step();
}

std::int64_t save_plan(store::Database& db, Plan& plan, bool replace) {
  if (plan.created.empty()) plan.created = now_utc();
  store::Transaction tx(db);
  if (plan_exists(db, plan.name)) {
    if (!replace)
      throw PlanError("Đã có phương án phân bổ tên '" + plan.name +
                      "'; đặt tên khác, hoặc thêm --replace để thay phương án cũ");
    auto del = db.prepare("DELETE FROM allocation_plan WHERE name = ?");
    del.bind(1, plan.name);
    del.run();
  }
  if (plan.map_date.empty()) plan.map_date = plan.year ? year_end(*plan.year) : today();
  std::vector<UnitId> ids;
  for (const PlanLine& l : plan.lines) {
    UnitId id = unit_at(db, l.code, plan.map_date);
    if (!id)
      throw PlanError("Không lưu được phương án: mã đơn vị '" + clip(l.code) + "' (" + clip(l.name) +
                      ") không có trên bản đồ hành chính ngày " + vn_date(plan.map_date));
    ids.push_back(id);
  }
  UnitId province = plan.province.empty() ? 0 : unit_at(db, plan.province, plan.map_date);
  // A plan of a province holds lines of that province's units only, whatever the formula
  // script put in its list.
  if (province) {
    int class_year = plan.year ? *plan.year : std::atoi(plan.map_date.substr(0, 4).c_str());
    auto map = Province::load(db, province, plan.map_date, class_year);
    for (std::size_t k = 0; k < plan.lines.size(); ++k)
      if (!map->find_id(ids[k]))
        throw PlanError("Không lưu được phương án: đơn vị '" + clip(plan.lines[k].code) + "' (" +
                        clip(plan.lines[k].name) + ") không thuộc tỉnh " + map->unit().name + " của --province");
  }
  auto ins = db.prepare(
      "INSERT INTO allocation_plan (name, formula, formula_sha256, formula_source, params, inputs_hash, province_id, "
      "year, total, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, plan.name).bind(2, plan.formula).bind(3, plan.formula_sha256).bind(4, plan.formula_source);
  ins.bind(5, plan.params).bind(6, plan.inputs_hash);
  if (!province) ins.bind_null(7); else ins.bind(7, province);
  if (plan.year) ins.bind(8, *plan.year); else ins.bind_null(8);
  ins.bind(9, plan.total).bind(10, plan.created);
  ins.run();
  std::int64_t id = std::get<std::int64_t>(*db.scalar("SELECT last_insert_rowid()"));
  if (!plan.scripts.empty()) {
    std::int64_t run = record_saved_run(db, "allocate", province, plan.year, plan.scripts);
    auto link = db.prepare("UPDATE allocation_plan SET run_id = ? WHERE id = ?");
    link.bind(1, run).bind(2, id);
    link.run();
  }
  auto line = db.prepare(
      "INSERT INTO allocation_line (plan_id, unit_id, weight, amount, counterpart, explanation) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t k = 0; k < plan.lines.size(); ++k) {
    const PlanLine& l = plan.lines[k];
    line.reset();
    line.bind(1, id).bind(2, ids[k]).bind(3, l.weight).bind(4, l.amount);
    if (l.counterpart) line.bind(5, *l.counterpart); else line.bind_null(5);
    line.bind(6, l.explanation);
    line.run();
  }
  tx.commit();
  plan.id = id;
  return id;
}

std::vector<PlanSummary> list_plans(const store::Database& db) {
  auto stmt = db.prepare(
      "SELECT p.id, p.name, p.formula, coalesce((SELECT code FROM unit WHERE id = p.province_id), ''), p.year, p.total, "
      "p.created, p.inputs_hash, "
      "(SELECT count(*) FROM allocation_line l WHERE l.plan_id = p.id) FROM allocation_plan p ORDER BY p.name");
  std::vector<PlanSummary> out;
  while (stmt.step()) {
    PlanSummary s;
    s.id = stmt.get_int(0);
    s.name = stmt.get_text(1);
    s.formula = stmt.get_text(2);
    s.province = stmt.get_text(3);
    if (!stmt.is_null(4)) s.year = static_cast<int>(stmt.get_int(4));
    s.total = stmt.get_int(5);
    s.created = stmt.get_text(6);
    s.inputs_hash = stmt.get_text(7);
    s.lines = static_cast<int>(stmt.get_int(8));
    out.push_back(std::move(s));
  }
  // Plan names are the office's words ("Phương án Đợt 2"): Vietnamese order, not SQLite's bytes.
  std::stable_sort(out.begin(), out.end(), [](const PlanSummary& a, const PlanSummary& b) { return collate_less(a.name, b.name); });
  return out;
}

Plan load_plan(const store::Database& db, const std::string& name) {
  auto head = db.prepare(
      "SELECT id, name, formula, formula_sha256, formula_source, params, inputs_hash, "
      "coalesce((SELECT code FROM unit WHERE id = province_id), ''), year, total, created, "
      "coalesce((SELECT name_with_type FROM unit_period WHERE unit_id = province_id "
      "          ORDER BY ifnull(valid_from, '') DESC LIMIT 1), '') "
      "FROM allocation_plan WHERE name = ?");
  head.bind(1, name);
  if (!head.step()) {
    std::vector<std::string> names;
    for (const auto& s : list_plans(db)) names.push_back(s.name);
    std::string message = "Không có phương án phân bổ tên '" + name + "'";
    auto near = closest(name, names, 3);
    if (!near.empty()) {
      message += did_you_mean(near);
    } else if (names.empty()) {
      message += " (chưa lưu phương án nào: ntm allocate ... --save TÊN --write)";
    }
    throw PlanError(message);
  }
  Plan plan;
  plan.id = head.get_int(0);
  plan.name = head.get_text(1);
  plan.formula = head.get_text(2);
  plan.formula_sha256 = head.get_text(3);
  plan.formula_source = head.get_text(4);
  plan.params = head.get_text(5);
  plan.inputs_hash = head.get_text(6);
  plan.province = head.get_text(7);
  if (!head.is_null(8)) plan.year = static_cast<int>(head.get_int(8));
  plan.total = head.get_int(9);
  plan.created = head.get_text(10);
  plan.province_name = head.get_text(11);
  plan.set_asides = set_asides_from_params(plan.params);
  if (db.user_version() >= 2) {
    auto run = db.prepare("SELECT run_id FROM allocation_plan WHERE id = ? AND run_id IS NOT NULL");
    run.bind(1, plan.id);
    if (run.step()) plan.scripts = saved_run_scripts(db, run.get_int(0));
  }
  // Names as they were on the plan's map (31/12 of its year).
  plan.map_date = plan.year ? year_end(*plan.year) : today();
  auto lines = db.prepare(
      "SELECT u.code, coalesce(p.name, u.code), "
      "coalesce(CASE WHEN u.kind IN ('commune', 'village') AND d.kind = 'district' THEN dp.name END, ''), "
      "l.weight, l.amount, l.counterpart, l.explanation "
      "FROM allocation_line l JOIN unit u ON u.id = l.unit_id "
      "LEFT JOIN unit_period p ON p.unit_id = u.id AND ifnull(p.valid_from, '') <= ?2 AND ifnull(p.valid_to, '9999-12-31') >= ?2 "
      "LEFT JOIN unit d ON d.id = p.parent_id "
      "LEFT JOIN unit_period dp ON dp.unit_id = d.id AND ifnull(dp.valid_from, '') <= ?2 AND ifnull(dp.valid_to, '9999-12-31') >= ?2 "
      "WHERE l.plan_id = ?1 ORDER BY u.code");
  lines.bind(1, plan.id).bind(2, plan.map_date);
  while (lines.step()) {
    PlanLine l;
    l.code = lines.get_text(0);
    l.name = lines.get_text(1);
    l.district = lines.get_text(2);
    l.weight = lines.get_double(3);
    l.amount = lines.get_int(4);
    if (!lines.is_null(5)) {
      l.counterpart = lines.get_int(5);
      plan.has_counterpart = true;
    }
    l.explanation = lines.get_text(6);
    plan.lines.push_back(std::move(l));
  }
  return plan;
}

PlanDiff diff_plans(const Plan& a, const Plan& b) {
  std::map<std::string, DiffLine> by;
  for (const PlanLine& l : a.lines) {
    DiffLine& d = by[l.code];
    d.code = l.code;
    d.name = l.name;
    d.district = l.district;
    d.a = l.amount;
  }
  for (const PlanLine& l : b.lines) {
    DiffLine& d = by[l.code];
    if (d.code.empty()) {
      d.code = l.code;
      d.name = l.name;
      d.district = l.district;
    }
    d.b = l.amount;
  }
  PlanDiff diff;
  for (auto& [code, d] : by) {
    if (!d.a) ++diff.only_b;
    else if (!d.b) ++diff.only_a;
    else if (*d.a != *d.b) ++diff.changed;
    diff.total_a += d.a.value_or(0);
    diff.total_b += d.b.value_or(0);
    diff.lines.push_back(d);
  }
  return diff;
}

std::string plan_json(const Plan& plan) {
  ordered_json j = ordered_json::object();
  if (!plan.name.empty()) j["name"] = plan.name;
  j["formula"] = plan.formula;
  j["province"] = plan.province.empty() ? ordered_json(nullptr) : ordered_json(plan.province);
  j["year"] = plan.year ? ordered_json(*plan.year) : ordered_json(nullptr);
  j["total"] = plan.total;
  j["set_asides"] = ordered_json::array();
  for (const auto& s : plan.set_asides) {
    ordered_json a = {{"name", s.name}, {"amount", s.amount}};
    if (s.share) a["share"] = *s.share;
    j["set_asides"].push_back(a);
  }
  j["set_aside_total"] = plan.set_aside_total();
  j["distributed"] = plan.lines_total();
  if (plan.has_counterpart) {
    std::int64_t c = 0;
    for (const auto& l : plan.lines) c += l.counterpart.value_or(0);
    j["counterpart_total"] = c;
  }
  if (!plan.created.empty()) {
    j["created"] = plan.created;
    j["inputs_hash"] = plan.inputs_hash;
    j["formula_sha256"] = plan.formula_sha256;
  }
  if (!plan.scripts.empty()) {
    j["scripts"] = ordered_json::object();
    for (const auto& [path, sha] : plan.scripts) j["scripts"][path] = sha;
  }
  j["lines"] = ordered_json::array();
  for (const PlanLine& l : plan.lines) {
    ordered_json o = ordered_json::object();
    o["code"] = l.code;
    o["name"] = l.name;
    o["district"] = l.district;
    o["weight"] = number_json(l.weight);
    o["amount"] = l.amount;
    if (l.counterpart) o["counterpart"] = *l.counterpart;
    o["explanation"] = l.explanation;
    if (!l.group.empty()) o["group"] = l.group;
    if (l.coefficient) o["coefficient"] = number_json(*l.coefficient);
    if (!l.details.empty()) {
      ordered_json d = ordered_json::object();
      for (const auto& item : l.details) d[item.key] = detail_json(item.value);
      o["details"] = d;
    }
    j["lines"].push_back(o);
  }
  j["by_district"] = ordered_json::object();
  for (const PlanDistrict& d : district_totals(plan)) {
    ordered_json o = {{"recipients", d.recipients}, {"weight", number_json(d.weight)}, {"amount", d.amount}};
    if (plan.has_counterpart) o["counterpart"] = d.counterpart;
    j["by_district"][d.district] = o;
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

report::Document plan_document(const Plan& plan, const report::Profile* profile) {
  using report::Cell;
  using report::HeaderCell;
  report::Document doc;
  doc.provenance = hashes_text(plan.scripts);
  doc.landscape = true;
  // An annex to the People's Committee decision that adopts the plan.
  std::string province = plan.province_name.empty() ? std::string() : to_upper(plan.province_name);
  if (profile && !profile->issuer.empty()) doc.header.issuer = profile->issuer;
  else if (!province.empty()) doc.header.issuer = {"ỦY BAN NHÂN DÂN", "TỈNH " + province};
  doc.header.place = profile && !profile->place.empty() ? profile->place : plan.province_name;
  if (plan.year) doc.header.date = "ngày      tháng      năm " + std::to_string(*plan.year);
  doc.header.kind = "PHỤ LỤC";
  std::string what = plan.name.empty() ? "Phương án phân bổ theo công thức " + plan.formula : "Phương án phân bổ " + plan.name;
  doc.header.title = what + "\n(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm " +
                     (plan.year ? std::to_string(*plan.year) : std::string("     ")) + " của UBND " +
                     (plan.province_name.empty() ? std::string("tỉnh") : "tỉnh " + plan.province_name) + ")";
  bool integral = std::all_of(plan.lines.begin(), plan.lines.end(),
                              [](const PlanLine& l) { return l.weight == std::floor(l.weight); });
  auto weight_cell = [&](double w) { return integral ? Cell::integer(w) : Cell::decimal(w, 4); };
  std::string title = "Phân bổ " + format_integer(plan.total) + " triệu đồng theo công thức " + plan.formula;
  if (plan.year) title += ", năm " + std::to_string(*plan.year);
  report::Table& t = doc.add_table(title);
  t.unit = "Đơn vị: triệu đồng";
  t.filter = true;
  std::vector<HeaderCell> header = {{"TT"}, {"Mã"}, {"Tên đơn vị"}, {"Huyện"}, {"Trọng số"}, {"Số tiền"}};
  if (plan.has_counterpart) header.push_back({"Vốn đối ứng"});
  header.push_back({"Giải thích"});
  t.header.push_back(header);
  int n = 0;
  std::int64_t counterpart = 0;
  double weight = 0;
  for (const PlanLine& l : plan.lines) {
    std::vector<Cell> row = {Cell::integer(++n), Cell::of_text(l.code), Cell::of_text(l.name), Cell::of_text(l.district),
                             weight_cell(l.weight), Cell::money(static_cast<double>(l.amount))};
    if (plan.has_counterpart)
      row.push_back(l.counterpart ? Cell::money(static_cast<double>(*l.counterpart)) : Cell::empty());
    row.push_back(Cell::of_text(l.explanation));
    t.rows.push_back(row);
    counterpart += l.counterpart.value_or(0);
    weight += l.weight;
  }
  Cell label = Cell::of_text("Tổng cộng");
  label.colspan = 4;
  t.totals = {label, weight_cell(weight),
              Cell::money(static_cast<double>(plan.lines_total()))};
  if (plan.has_counterpart) t.totals.push_back(Cell::money(static_cast<double>(counterpart)));
  t.totals.push_back(Cell::empty());
  for (const auto& s : plan.set_asides)
    doc.add_paragraph("Trích trước \"" + s.name + "\": " + format_integer(s.amount) + " triệu đồng.");
  auto districts = district_totals(plan);
  if (!districts.empty()) {
    report::Table& d = doc.add_table("Tổng hợp theo huyện");
    d.unit = "Đơn vị: triệu đồng";
    std::vector<HeaderCell> h = {{"Huyện"}, {"Số đơn vị"}, {"Trọng số"}, {"Số tiền"}};
    if (plan.has_counterpart) h.push_back({"Vốn đối ứng"});
    d.header.push_back(h);
    int recipients = 0;
    for (const PlanDistrict& x : districts) {
      std::vector<Cell> row = {Cell::of_text(x.district), Cell::integer(x.recipients), weight_cell(x.weight),
                               Cell::money(static_cast<double>(x.amount))};
      if (plan.has_counterpart) row.push_back(Cell::money(static_cast<double>(x.counterpart)));
      d.rows.push_back(row);
      recipients += x.recipients;
    }
    d.totals = {Cell::of_text("Tổng cộng"), Cell::integer(recipients), weight_cell(weight),
                Cell::money(static_cast<double>(plan.lines_total()))};
    if (plan.has_counterpart) d.totals.push_back(Cell::money(static_cast<double>(counterpart)));
  }
  return doc;
}

}  // namespace ntm::app
