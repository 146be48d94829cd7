// What each kind of file means: its columns (Vietnamese or English, accents optional) and
// the records it becomes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>

#include "app/importer_sheet.h"
#include "model/funding.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::app::detail {

namespace {

using store::Value;

// Aliases are folded (fold(): no accents, lower case, '_' → ' ').
const std::vector<ColumnName> kUnitColumns{
    {"code", {"ma xa", "ma", "ma don vi", "ma dv", "code", "unit code", "commune code", "ma xa phuong"}},
    {"name", {"ten xa", "ten", "ten don vi", "xa", "name", "unit", "commune", "unit name", "ten xa phuong"}},
    {"district", {"huyen", "ten huyen", "ma huyen", "quan huyen", "huyen thi xa", "district"}},
};

std::vector<ColumnName> with_units(std::vector<ColumnName> extra) {
  std::vector<ColumnName> all = kUnitColumns;
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

const std::map<std::string, std::vector<ColumnName>>& all_names() {
  static const std::map<std::string, std::vector<ColumnName>> names{
      {"units", {{"code", {"ma", "ma don vi", "ma dv", "code", "unit code", "ma xa", "ma xa phuong"}},
                 {"name", {"ten", "ten don vi", "name", "unit name", "ten xa", "ten xa phuong"}},
                 {"type", {"loai", "loai don vi", "type"}},
                 {"level", {"cap", "cap hanh chinh", "level", "kind"}},
                 {"parent", {"ma cap tren", "ma don vi cap tren", "ma huyen", "parent code", "parent"}},
                 {"parent_name", {"ten cap tren", "huyen", "ten huyen", "quan huyen", "district"}},
                 {"predecessors", {"don vi truoc", "hinh thanh tu", "sap nhap tu", "predecessors"}},
                 {"valid_from", {"tu ngay", "hieu luc tu", "valid from"}}}},
      {"classes", with_units({{"year", {"nam", "year"}},
                              {"nhom", {"nhom", "nhom xa", "nhom 51", "group"}},
                              {"dbkk", {"dbkk", "xa dbkk", "dac biet kho khan", "extremely difficult"}},
                              {"bien-gioi", {"bien gioi", "xa bien gioi", "border"}},
                              {"mien-nui", {"mien nui", "mountainous"}},
                              {"atk", {"atk", "an toan khu", "xa atk"}},
                              {"khu-vuc", {"khu vuc", "khu vuc dtts", "khu vuc i ii iii", "zone"}},
                              {"region", {"vung", "vung kinh te", "region"}}})},
      {"indicators", with_units({{"year", {"nam", "year"}},
                                 {"indicator", {"chi tieu", "ma chi tieu", "indicator"}},
                                 {"value", {"gia tri", "so lieu", "value"}}})},
      {"statuses", with_units({{"year", {"nam", "year"}},
                               {"criterion", {"tieu chi", "so tieu chi", "criterion"}},
                               {"met", {"dat", "ket qua", "met"}}})},
      {"recognitions", with_units({{"grade", {"muc", "cap", "muc cong nhan", "grade"}},
                                   {"year", {"nam", "nam cong nhan", "year"}},
                                   {"decision", {"quyet dinh", "so quyet dinh", "decision"}},
                                   {"date", {"ngay", "ngay quyet dinh", "ngay cong nhan", "date"}},
                                   {"revoked", {"thu hoi", "ngay thu hoi", "revoked"}}})},
      {"funding", with_units({{"year", {"nam", "year"}},
                              {"source", {"nguon von", "nguon", "ma nguon", "source"}},
                              {"stage", {"giai doan", "loai", "stage"}},
                              {"amount", {"so tien", "so tien trieu dong", "gia tri", "amount"}},
                              {"component", {"hop phan", "noi dung thanh phan", "component"}},
                              {"note", {"ghi chu", "note"}}})},
      {"targets", with_units({{"year", {"nam", "year"}},
                              {"key", {"khoa", "ma chi tieu", "chi tieu", "key"}},
                              {"value", {"gia tri", "ke hoach", "value"}},
                              {"plan_year", {"nam lap ke hoach", "nam ke hoach", "plan year"}},
                              {"note", {"ghi chu", "note"}}})},
      {"statistics", with_units({{"year", {"nam", "year"}},
                                 {"key", {"khoa", "ma so lieu", "key"}},
                                 {"value", {"gia tri", "value"}},
                                 {"as_printed", {"nhu in", "so in", "as printed"}},
                                 {"source", {"nguon", "source"}}})},
      {"ocop", with_units({{"id", {"ma san pham", "ma sp", "id"}},
                           {"product", {"ten san pham", "san pham", "product"}},
                           {"producer", {"chu the", "chu the san xuat", "producer"}},
                           {"producer_kind", {"loai chu the", "producer kind"}},
                           {"group", {"nhom", "nhom san pham", "group", "product group"}},
                           {"stars", {"sao", "so sao", "hang sao", "stars"}},
                           {"score", {"diem", "score"}},
                           {"year", {"nam", "nam danh gia", "year"}},
                           {"certified", {"ngay chung nhan", "certified"}},
                           {"expires", {"het han", "ngay het han", "expires"}},
                           {"decision", {"quyet dinh", "so quyet dinh", "decision"}}})},
  };
  return names;
}

// Maps a folded word to a canonical value by a table of synonyms; "" when unknown.
std::string choose(const std::string& text, const std::vector<std::pair<const char*, std::vector<const char*>>>& table) {
  std::string f = fold(text);
  for (const auto& [value, words] : table) {
    if (f == value) return value;
    for (const char* w : words)
      if (f == w) return value;
  }
  return {};
}

// 1 for Đạt / x / có / 1, 0 for Chưa đạt / không / 0, -1 otherwise.
int yes_no(const std::string& text) {
  std::string f = fold(text);
  for (const char* w : {"dat", "1", "x", "co", "yes", "true", "met", "v"})
    if (f == w) return 1;
  for (const char* w : {"chua dat", "khong dat", "0", "khong", "no", "false", "not met", "-"})
    if (f == w) return 0;
  return -1;
}

// "CT 17.3", "17.3", "Chỉ tiêu 17.3 (%)" → "17.3"; "TC 5", "Tiêu chí 5" → "5".
std::string id_in_header(const std::string& header, std::initializer_list<const char*> prefixes) {
  std::string f = header;
  for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string plain = fold(f);   // only to test the prefix
  std::size_t start = 0;
  for (const char* p : prefixes) {
    std::string pf = p;
    if (plain.rfind(pf, 0) == 0) {
      // Skip as many characters of the original as the prefix's words take.
      std::size_t words = std::count(pf.begin(), pf.end(), ' ') + 1;
      std::size_t pos = 0;
      for (std::size_t w = 0; w < words && pos != std::string::npos; ++w) {
        pos = f.find_first_not_of(" \t", pos);
        pos = f.find_first_of(" \t0123456789", pos);
        if (w + 1 < words && pos != std::string::npos) pos = f.find_first_not_of(" \t", pos);
      }
      start = pos == std::string::npos ? f.size() : pos;
      break;
    }
  }
  std::size_t a = f.find_first_not_of(" \t", start);
  if (a == std::string::npos || !std::isdigit(static_cast<unsigned char>(f[a]))) return {};
  std::size_t b = a;
  while (b < f.size() && (std::isdigit(static_cast<unsigned char>(f[b])) || f[b] == '.' ||
                          std::isalpha(static_cast<unsigned char>(f[b]))))
    ++b;
  std::string id = f.substr(a, b - a);
  while (!id.empty() && id.back() == '.') id.pop_back();
  return id;
}

// The criteria set of each year of the file: --set (or the file's), else the set the province
// recorded for the year, else the year's national set; loaded once, and said in the summary.
class Sets {
 public:
  explicit Sets(Reader& rd) : rd_(rd) {}
  const CriteriaSet* for_year(int year) {
    auto it = sets_.find(year);
    if (it == sets_.end()) {
      SetChoice choice = choose_set(rd_.db(), rd_.province_id(), year, rd_.options().set);
      it = sets_.emplace(year, CriteriaSet::load(rd_.db(), choice.id)).first;
      said_ += (said_.empty() ? "" : "; ") + tr("năm ", "year ") + std::to_string(year) + ": " + set_choice_text(choice, year);
      if (choice.how == "given") given_[year] = choice.id;
    }
    return it->second.get();
  }
  const std::string& said() const { return said_; }

  // A set given (--set, or the file's) that is not the year's national set becomes the set the
  // province recorded for the year, so that every later command on that year uses it without
  // --set; an earlier recorded set of the same level and grade is replaced. With the imported
  // rows, all or nothing.
  void record(std::vector<Record>& out) const {
    for (const auto& [year, id] : given_) {
      const CriteriaSet& set = *sets_.at(year);
      std::string national;
      try {
        national = set_for_year(rd_.db(), year, set.level(), set.grade());
      } catch (const std::exception&) {
      }
      if (national == id) continue;
      auto earlier = rd_.db().prepare(R"(
        SELECT s.set_id FROM province_set s JOIN criteria_set c ON c.id = s.set_id
        WHERE s.province_id = ? AND s.year = ? AND c.level = ? AND c.grade = ? AND s.set_id <> ?)");
      earlier.bind(1, rd_.province_id()).bind(2, year).bind(3, set.level()).bind(4, set.grade()).bind(5, id);
      while (earlier.step()) {
        Record gone;
        gone.unit = tr("ghi nhận", "recorded");
        gone.table = "province_set";
        gone.keys = {{"province_id", rd_.province_id()}, {"year", std::int64_t{year}}, {"set_id", earlier.get_text(0)}};
        gone.remove = true;
        out.push_back(std::move(gone));
      }
      Record r;
      r.unit = tr("ghi nhận", "recorded");
      r.table = "province_set";
      r.keys = {{"province_id", rd_.province_id()}, {"year", std::int64_t{year}}, {"set_id", id}};
      r.values.emplace_back("source", Value{std::string("ntm import")});
      r.fields.push_back(tr("bộ tiêu chí năm ", "criteria set of ") + std::to_string(year) + tr(" là ", " is ") + id);
      out.push_back(std::move(r));
    }
  }

 private:
  Reader& rd_;
  std::map<int, std::shared_ptr<const CriteriaSet>> sets_;
  std::map<int, std::string> given_;
  std::string said_;
};

// The sets (other than `set`) whose indicators (or criteria) include every one of `ids`.
std::vector<std::string> sets_having(const store::Database& db, const std::string& set, const std::vector<std::string>& ids,
                                     bool criteria) {
  std::vector<std::string> out;
  auto all = db.prepare("SELECT id FROM criteria_set WHERE id <> ? ORDER BY valid_from, id");
  all.bind(1, set);
  while (all.step()) {
    auto other = CriteriaSet::load(db, all.get_text(0));
    bool has = true;
    for (const auto& id : ids)
      has = has && (criteria ? other->criterion(std::atoi(id.c_str())) != nullptr : other->indicator_index(id) >= 0);
    if (has) out.push_back(other->id());
  }
  return out;
}

// A file whose columns do not belong to the chosen set is refused, naming the columns and
// the sets they do belong to.
void refuse_foreign_columns(Reader& rd, const CriteriaSet& set, const std::vector<std::string>& ids,
                            const std::vector<std::string>& titles, bool criteria) {
  if (ids.empty()) return;
  std::string list;
  for (const auto& t : titles) list += (list.empty() ? "" : ", ") + t;
  auto others = sets_having(rd.db(), set.id(), ids, criteria);
  std::string message = "các cột " + list + " không thuộc bộ tiêu chí " + set.id() + " (" + set.legal_basis() + ")";
  if (!others.empty()) {
    message += "; chúng thuộc bộ ";
    for (std::size_t i = 0; i < others.size(); ++i) message += (i ? ", " : "") + others[i];
    message += ": nếu tệp lập theo bộ đó, nhập lại với --set " + others[0];
  }
  rd.problem(message);
}

const std::set<std::string> kCommune{"commune"};
const std::set<std::string> kAnyUnit{"province", "district", "commune", "village"};

Record record(std::size_t line, const Unit& u, const char* table) {
  Record r;
  r.line = static_cast<int>(line);
  r.unit = label(u);
  r.table = table;
  return r;
}

void add(Record& r, const char* column, Value v, const std::string& field = {}) {
  r.values.emplace_back(column, std::move(v));
  r.fields.push_back(field.empty() ? column : field);
}

Value text_or_null(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

// indicator_value: wide (one column per indicator) or long (Chỉ tiêu + Giá trị columns).
void indicators(Reader& rd, std::vector<Record>& out, std::string& note) {
  Sets sets(rd);
  std::map<std::size_t, std::string> wide;   // column → indicator id
  const CriteriaSet* probe = nullptr;
  for (std::size_t i = 0; i < rd.size() && !probe; ++i)
    if (int y = rd.year(i)) probe = sets.for_year(y);
  std::vector<std::string> foreign, foreign_titles;
  for (std::size_t c : std::set<std::size_t>(rd.unclaimed())) {
    std::string id = id_in_header(rd.header()[c], {"ct", "chi tieu", "indicator"});
    if (!id.empty() && probe && probe->indicator_index(id) >= 0) {
      wide[c] = id;
      rd.claim(c);
    } else if (!id.empty() && probe) {
      foreign.push_back(id);
      foreign_titles.push_back("'" + rd.header()[c] + "'");
      rd.claim(c);
    }
  }
  if (probe) refuse_foreign_columns(rd, *probe, foreign, foreign_titles, false);
  bool long_form = rd.has("indicator") && rd.has("value");
  if (wide.empty() && !long_form) {
    rd.problem("không thấy cột chỉ tiêu: cần các cột 'CT 1.1', 'CT 2.1', ... (mẫu: ntm export --template indicators) "
               "hoặc hai cột 'Chỉ tiêu' và 'Giá trị'");
    return;
  }
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    if (!year) continue;
    const Unit* u = rd.unit(i, kCommune, year);
    if (!u) continue;
    const CriteriaSet* set = sets.for_year(year);
    // `parse` reads the cell as a number (recording a problem when it is not one).
    auto one = [&](const std::string& id, const std::string& raw, const std::string& column,
                   const std::function<std::optional<double>()>& parse) {
      if (raw.empty()) return;   // an empty cell leaves the stored value as it is
      int index = set->indicator_index(id);
      if (index < 0) { rd.problem(i, column, "bộ tiêu chí " + set->id() + " không có chỉ tiêu '" + id + "'"); return; }
      const Indicator& ind = set->indicators()[static_cast<std::size_t>(index)];
      std::optional<double> v;
      if (ind.unit == "dat" && !parse_number(raw, rd.decimal()) && yes_no(raw) >= 0) v = yes_no(raw);   // Đạt / Chưa đạt
      else v = parse();
      if (!v) return;
      if (!ind.in_range(*v)) {
        char range[96];
        std::snprintf(range, sizeof range, "[%g; %g]", ind.min_value, ind.max_value);
        rd.problem(i, column, "giá trị " + raw + " ngoài khoảng hợp lý " + range + " của chỉ tiêu " + id);
        return;
      }
      Record r = record(rd.row(i).line, *u, "indicator_value");
      r.keys = {{"unit_id", u->id}, {"year", std::int64_t{year}}, {"set_id", set->id()}, {"indicator", id}};
      add(r, "value", *v, id);
      out.push_back(std::move(r));
    };
    for (const auto& [c, id] : wide) one(id, rd.cell(i, c), rd.header()[c], [&, c = c] { return rd.number_at(i, c); });
    if (long_form) {
      std::string id = rd.text(i, "indicator");
      if (!id.empty()) one(id, rd.text(i, "value"), rd.column_title("value"), [&] { return rd.number(i, "value"); });
    }
  }
  note = sets.said();
  sets.record(out);
}

// criterion_status (assessed): wide (TC 1 ... TC 19) or long (Tiêu chí + Đạt).
void statuses(Reader& rd, std::vector<Record>& out, std::string& note) {
  Sets sets(rd);
  std::map<std::size_t, int> wide;
  const CriteriaSet* probe = nullptr;
  for (std::size_t i = 0; i < rd.size() && !probe; ++i)
    if (int y = rd.year(i)) probe = sets.for_year(y);
  std::vector<std::string> foreign, foreign_titles;
  for (std::size_t c : std::set<std::size_t>(rd.unclaimed())) {
    std::string id = id_in_header(rd.header()[c], {"tc", "tieu chi", "criterion"});
    if (!id.empty() && id.size() <= 3 && id.find_first_not_of("0123456789") == std::string::npos) {
      rd.claim(c);
      if (probe && !probe->criterion(std::stoi(id))) {
        foreign.push_back(id);
        foreign_titles.push_back("'" + rd.header()[c] + "'");
        continue;
      }
      wide[c] = std::stoi(id);
    }
  }
  if (probe) refuse_foreign_columns(rd, *probe, foreign, foreign_titles, true);
  note = sets.said();
  bool long_form = rd.has("criterion") && rd.has("met");
  if (wide.empty() && !long_form) {
    rd.problem("không thấy cột tiêu chí: cần các cột 'TC 1' ... 'TC 19' (mẫu: ntm export --template statuses)");
    return;
  }
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    if (!year) continue;
    const Unit* u = rd.unit(i, kCommune, year);
    if (!u) continue;
    const CriteriaSet* set = sets.for_year(year);
    auto one = [&](int n, const std::string& raw, const std::string& column) {
      if (raw.empty()) return;
      if (!set->criterion(n)) { rd.problem(i, column, "bộ tiêu chí " + set->id() + " không có tiêu chí " + std::to_string(n)); return; }
      int met = yes_no(raw);
      if (met < 0) { rd.problem(i, column, "'" + raw + "': ghi Đạt / Chưa đạt (hoặc 1 / 0)"); return; }
      Record r = record(rd.row(i).line, *u, "criterion_status");
      r.keys = {{"unit_id", u->id}, {"year", std::int64_t{year}}, {"set_id", set->id()},
                {"criterion", std::int64_t{n}}, {"by", std::string("assessed")}};
      add(r, "met", std::int64_t{met}, "TC " + std::to_string(n));
      out.push_back(std::move(r));
    };
    for (const auto& [c, n] : wide) one(n, rd.cell(i, c), rd.header()[c]);
    if (long_form) {
      std::string n = rd.text(i, "criterion");
      if (!n.empty() && n.size() <= 3 && n.find_first_not_of("0123456789") == std::string::npos) one(std::stoi(n), rd.text(i, "met"), rd.column_title("met"));
      else if (!n.empty()) rd.problem(i, rd.column_title("criterion"), "'" + n + "' không phải số tiêu chí");
    }
  }
  sets.record(out);
}

// unit_class: a commune's group (51/2025/QĐ-TTg) and flags, for a year (or every year when
// the file has no year): one column per class.
void classes(Reader& rd, std::vector<Record>& out) {
  static const char* keys[] = {"nhom", "dbkk", "bien-gioi", "mien-nui", "atk", "khu-vuc", "region"};
  bool any = false;
  for (const char* k : keys) any = any || rd.has(k);
  if (!any) {
    rd.problem("không thấy cột phân loại: cần ít nhất một cột 'Nhóm', 'ĐBKK', 'Biên giới', 'Miền núi', 'ATK', "
               "'Khu vực' hoặc 'Vùng'");
    return;
  }
  std::set<std::string> regions;
  auto stmt = rd.db().prepare("SELECT code FROM region");
  while (stmt.step()) regions.insert(stmt.get_text(0));
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.has("year") && !rd.text(i, "year").empty() ? rd.year(i) : rd.options().year;
    const Unit* u = rd.unit(i, kAnyUnit, year);
    if (!u) continue;
    for (const char* k : keys) {
      if (!rd.has(k)) continue;
      std::string raw = rd.text(i, k), value;
      std::string key = k;
      if (key == "nhom" || key == "khu-vuc") {
        std::string f = fold(raw);
        for (const char* prefix : {"nhom ", "khu vuc "})
          if (f.rfind(prefix, 0) == 0) f = f.substr(std::string(prefix).size());
        if (f == "i") f = "1"; else if (f == "ii") f = "2"; else if (f == "iii") f = "3";
        if (!raw.empty() && f != "1" && f != "2" && f != "3") {
          rd.problem(i, rd.column_title(k), "'" + raw + "': ghi 1, 2 hoặc 3" + (key == "khu-vuc" ? " (I, II, III)" : ""));
          continue;
        }
        value = f;
      } else if (key == "region") {
        std::string up = raw;
        for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!raw.empty() && !regions.count(up)) {
          std::string list;
          for (const auto& r : regions) list += (list.empty() ? "" : ", ") + r;
          rd.problem(i, rd.column_title(k), "vùng '" + raw + "' không có (có: " + list + ")");
          continue;
        }
        value = up;
      } else {
        int v = raw.empty() ? 0 : yes_no(raw);
        if (v < 0) { rd.problem(i, rd.column_title(k), "'" + raw + "': ghi x (có) hoặc để trống"); continue; }
        value = v ? "1" : "";
      }
      // The unit already has this class for the year (from a row of the year or of every year,
      // or a region inherited from its province): nothing to write.
      if (!value.empty() && u->klass(key) == value) continue;
      Record r = record(rd.row(i).line, *u, "unit_class");
      r.keys = {{"unit_id", u->id}, {"key", key}, {"year", std::int64_t{year}}};
      if (value.empty()) {
        r.remove = true;   // an empty cell: the unit does not have the class (for that year)
        r.fields.push_back(rd.column_title(k));
      } else {
        add(r, "value", value, rd.column_title(k));
      }
      out.push_back(std::move(r));
    }
  }
}

void recognitions(Reader& rd, std::vector<Record>& out) {
  for (std::size_t i = 0; i < rd.size(); ++i) {
    std::string grade = choose(rd.text(i, "grade"), {{"standard", {"dat chuan", "chuan", "nong thon moi", "ntm", "dat chuan ntm"}},
                                                     {"advanced", {"nang cao", "ntm nang cao"}},
                                                     {"model", {"kieu mau", "ntm kieu mau"}},
                                                     {"basic", {"co ban", "hoan thanh"}}});
    if (grade.empty()) { rd.problem(i, rd.column_title("grade"), "mức '" + rd.text(i, "grade") + "': ghi Đạt chuẩn, Nâng cao hoặc Kiểu mẫu"); continue; }
    std::string date = rd.date(i, "date"), revoked = rd.date(i, "revoked");
    int year = rd.has("year") && !rd.text(i, "year").empty() ? rd.year(i) : date.empty() ? rd.year(i) : std::atoi(date.substr(0, 4).c_str());
    if (!year) continue;
    // The unit of the recognition's date (else of the end of its year).
    const Unit* u = rd.unit(i, {"district", "commune", "village"}, year);
    if (!u) continue;
    Record r = record(rd.row(i).line, *u, "recognition");
    r.keys = {{"unit_id", u->id}, {"grade", grade}};
    add(r, "year", std::int64_t{year});
    if (rd.has("decision")) add(r, "decision", text_or_null(rd.text(i, "decision")));
    if (rd.has("date")) add(r, "date", text_or_null(date));
    if (rd.has("revoked")) add(r, "revoked", text_or_null(revoked));
    out.push_back(std::move(r));
  }
}

void funding(Reader& rd, std::vector<Record>& out) {
  FundingSources sources(rd.db());
  // Programme components (2026–2035): by code or name, accents optional.
  struct {
    std::map<std::string, std::string> by_key;
    std::string names;
    std::string code(const std::string& text) const {
      auto it = by_key.find(fold(text));
      return it == by_key.end() ? std::string() : it->second;
    }
    const std::string& list() const { return names; }
  } components;
  auto cs = rd.db().prepare("SELECT code, name FROM funding_component ORDER BY sort");
  while (cs.step()) {
    components.by_key[fold(cs.get_text(0))] = cs.get_text(0);
    components.by_key[fold(cs.get_text(1))] = cs.get_text(0);
    components.names += (components.names.empty() ? "" : "; ") + cs.get_text(1);
  }
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    std::string raw = rd.text(i, "source");
    std::string source;
    try {
      source = sources.code(raw);
    } catch (const NotFound& e) {
      rd.problem(i, rd.column_title("source"), e.what());
      continue;
    }
    std::string stage = choose(rd.text(i, "stage"), {{"plan", {"ke hoach", "giao", "du toan"}},
                                                     {"mobilised", {"huy dong", "mobilized", "thuc hien"}},
                                                     {"disbursed", {"giai ngan"}}});
    if (stage.empty()) { rd.problem(i, rd.column_title("stage"), "giai đoạn '" + rd.text(i, "stage") + "': ghi Kế hoạch, Huy động hoặc Giải ngân"); continue; }
    auto amount = rd.number(i, "amount");
    if (!amount) { if (rd.text(i, "amount").empty()) rd.problem(i, rd.column_title("amount"), "thiếu số tiền (triệu đồng)"); continue; }
    if (*amount < 0 || *amount != std::floor(*amount)) { rd.problem(i, rd.column_title("amount"), "số tiền phải là số nguyên không âm (triệu đồng)"); continue; }
    if (!year) continue;
    const Unit* u = rd.unit(i, kAnyUnit, year);
    if (!u) continue;
    Record r = record(rd.row(i).line, *u, "funding");
    std::string component;
    if (rd.has("component") && !rd.text(i, "component").empty()) {
      component = components.code(rd.text(i, "component"));
      if (component.empty()) {
        rd.problem(i, rd.column_title("component"), "hợp phần '" + rd.text(i, "component") + "' không có (có: " + components.list() + ")");
        continue;
      }
    }
    r.keys = {{"unit_id", u->id}, {"year", std::int64_t{year}}, {"source", source}, {"stage", stage}, {"component", component}};
    add(r, "amount", static_cast<std::int64_t>(*amount), sources.name(source) + "/" + stage);
    if (rd.has("note")) add(r, "note", text_or_null(rd.text(i, "note")));
    out.push_back(std::move(r));
  }
}

// target and statistic: unit, year, key → value.
void keyed(Reader& rd, std::vector<Record>& out, const char* table) {
  bool statistic = std::string(table) == "statistic";
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    // A target belongs to the unit of the year its plan was made, when the file says it.
    int plan_year = 0;
    if (!statistic && rd.has("plan_year") && !rd.text(i, "plan_year").empty()) {
      auto py = rd.number(i, "plan_year");
      if (!py || *py < 1990 || *py > 2100 || *py != std::floor(*py)) {
        rd.problem(i, rd.column_title("plan_year"), "năm lập kế hoạch '" + rd.text(i, "plan_year") + "' không hợp lệ");
        continue;
      }
      plan_year = static_cast<int>(*py);
    }
    std::string key = rd.text(i, "key");
    if (key.empty()) { rd.problem(i, rd.column_title("key"), "thiếu khóa (ví dụ standard_communes)"); continue; }
    auto value = rd.number(i, "value");
    if (!value && !statistic) { if (rd.text(i, "value").empty()) rd.problem(i, rd.column_title("value"), "thiếu giá trị"); continue; }
    if (!value && !rd.text(i, "value").empty()) continue;   // bad number, already a problem
    if (!year) continue;
    const Unit* u = rd.unit(i, kAnyUnit, plan_year ? plan_year : year);
    if (!u) continue;
    Record r = record(rd.row(i).line, *u, table);
    r.keys = {{"unit_id", u->id}, {"year", std::int64_t{year}}, {"key", key}};
    if (plan_year) add(r, "plan_year", std::int64_t{plan_year}, key + " (năm lập kế hoạch)");
    add(r, "value", value ? Value{*value} : Value{}, key);
    if (statistic) {
      if (rd.has("as_printed")) add(r, "as_printed", text_or_null(rd.text(i, "as_printed")), key + " (như in)");
      if (rd.has("source")) add(r, "source", text_or_null(rd.text(i, "source")), key + " (nguồn)");
    } else if (rd.has("note")) {
      add(r, "note", text_or_null(rd.text(i, "note")), key + " (ghi chú)");
    }
    out.push_back(std::move(r));
  }
}

void ocop(Reader& rd, std::vector<Record>& out) {
  for (std::size_t i = 0; i < rd.size(); ++i) {
    std::string name = rd.text(i, "product"), producer = rd.text(i, "producer");
    if (name.empty()) { rd.problem(i, rd.column_title("product"), "thiếu tên sản phẩm"); continue; }
    if (producer.empty()) { rd.problem(i, rd.column_title("producer"), "thiếu chủ thể"); continue; }
    std::string kind = choose(rd.text(i, "producer_kind"), {{"enterprise", {"doanh nghiep", "cong ty", "dn"}},
                                                            {"cooperative", {"hop tac xa", "htx"}},
                                                            {"cooperative_group", {"to hop tac", "tht", "cooperative group"}},
                                                            {"household", {"ho gia dinh", "ho kinh doanh", "ho san xuat"}},
                                                            {"other", {"khac"}}});
    if (kind.empty()) kind = rd.text(i, "producer_kind").empty() ? "other" : "";
    if (kind.empty()) { rd.problem(i, rd.column_title("producer_kind"), "loại chủ thể '" + rd.text(i, "producer_kind") + "': ghi Doanh nghiệp, HTX, Tổ hợp tác, Hộ gia đình hoặc Khác"); continue; }
    auto stars = rd.number(i, "stars");
    if (!stars || *stars < 1 || *stars > 5 || *stars != std::floor(*stars)) { rd.problem(i, rd.column_title("stars"), "số sao phải từ 1 đến 5"); continue; }
    auto score = rd.number(i, "score");
    std::string group = rd.text(i, "group");
    if (group.empty()) { rd.problem(i, rd.column_title("group"), "thiếu nhóm sản phẩm"); continue; }
    int year = rd.year(i);
    std::string certified = rd.date(i, "certified"), expires = rd.date(i, "expires");
    if (!year) continue;
    const Unit* u = rd.unit(i, {"district", "commune"}, year);
    if (!u) continue;
    Record r = record(rd.row(i).line, *u, "ocop_product");
    r.unit = name + " – " + producer;
    std::string id = rd.text(i, "id");
    if (!id.empty()) {
      if (id.find_first_not_of("0123456789") != std::string::npos || id.size() > 18) { rd.problem(i, rd.column_title("id"), "mã sản phẩm phải là số (tối đa 18 chữ số)"); continue; }
      r.keys = {{"id", std::int64_t{std::stoll(id)}}};
    } else {
      // No id: the same name and producer is the same product.
      auto find = rd.db().prepare("SELECT id FROM ocop_product WHERE name = ? AND producer = ?");
      find.bind(1, name).bind(2, producer);
      if (find.step()) r.keys = {{"id", find.get_int(0)}};
    }
    add(r, "name", name, "tên");
    add(r, "producer", producer, "chủ thể");
    add(r, "producer_kind", kind, "loại chủ thể");
    add(r, "unit_id", u->id, "đơn vị");
    add(r, "product_group", group, "nhóm");
    add(r, "stars", static_cast<std::int64_t>(*stars), "sao");
    if (rd.has("score")) add(r, "score", score ? Value{static_cast<std::int64_t>(std::llround(*score))} : Value{}, "điểm");
    add(r, "year", std::int64_t{year}, "năm");
    if (rd.has("certified")) add(r, "certified", text_or_null(certified), "ngày chứng nhận");
    if (rd.has("expires")) add(r, "expires", text_or_null(expires), "hết hạn");
    if (rd.has("decision")) add(r, "decision", text_or_null(rd.text(i, "decision")), "quyết định");
    out.push_back(std::move(r));
  }
}

}  // namespace

const std::vector<ColumnName>& column_names(const std::string& kind) { return all_names().at(kind); }

std::vector<Record> records_for(const std::string& kind, Reader& reader, std::string& note) {
  std::vector<Record> out;
  if (kind == "indicators") indicators(reader, out, note);
  else if (kind == "statuses") statuses(reader, out, note);
  else if (kind == "classes") classes(reader, out);
  else if (kind == "recognitions") recognitions(reader, out);
  else if (kind == "funding") funding(reader, out);
  else if (kind == "targets") keyed(reader, out, "target");
  else if (kind == "statistics") keyed(reader, out, "statistic");
  else if (kind == "ocop") ocop(reader, out);
  return out;
}

}  // namespace ntm::app::detail
