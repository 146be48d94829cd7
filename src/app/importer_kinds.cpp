// What each kind of file means: its columns (Vietnamese or English, accents optional) and
// the records it becomes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>

#include "app/importer_sheet.h"
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
      {"units", with_units({{"type", {"loai", "loai don vi", "type"}},
                            {"extremely_difficult", {"dbkk", "xa dbkk", "dac biet kho khan", "extremely difficult"}},
                            {"border", {"bien gioi", "xa bien gioi", "border"}},
                            {"mountainous", {"mien nui", "mountainous"}}})},
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
                              {"note", {"ghi chu", "note"}}})},
      {"targets", with_units({{"year", {"nam", "year"}},
                              {"key", {"khoa", "ma chi tieu", "chi tieu", "key"}},
                              {"value", {"gia tri", "ke hoach", "value"}},
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

// The criteria set for a year, loaded once.
class Sets {
 public:
  explicit Sets(const store::Database& db) : db_(db) {}
  const CriteriaSet* for_year(int year) {
    auto it = sets_.find(year);
    if (it == sets_.end()) it = sets_.emplace(year, CriteriaSet::load(db_, set_for_year(db_, year))).first;
    return it->second.get();
  }
 private:
  const store::Database& db_;
  std::map<int, std::shared_ptr<const CriteriaSet>> sets_;
};

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
void indicators(Reader& rd, std::vector<Record>& out) {
  Sets sets(rd.db());
  std::map<std::size_t, std::string> wide;   // column → indicator id
  const CriteriaSet* probe = nullptr;
  for (std::size_t i = 0; i < rd.size() && !probe; ++i)
    if (int y = rd.year(i)) probe = sets.for_year(y);
  for (std::size_t c : std::set<std::size_t>(rd.unclaimed())) {
    std::string id = id_in_header(rd.header()[c], {"ct", "chi tieu", "indicator"});
    if (!id.empty() && probe && probe->indicator_index(id) >= 0) {
      wide[c] = id;
      rd.claim(c);
    } else if (!id.empty() && probe) {
      rd.problem("cột '" + rd.header()[c] + "': bộ tiêu chí " + probe->id() + " không có chỉ tiêu " + id);
    }
  }
  bool long_form = rd.has("indicator") && rd.has("value");
  if (wide.empty() && !long_form) {
    rd.problem("không thấy cột chỉ tiêu: cần các cột 'CT 1.1', 'CT 2.1', ... (mẫu: ntm export --template indicators) "
               "hoặc hai cột 'Chỉ tiêu' và 'Giá trị'");
    return;
  }
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    const Unit* u = rd.unit(i, kCommune);
    if (!u || !year) continue;
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
      if ((!std::isnan(ind.min_value) && *v < ind.min_value) || (!std::isnan(ind.max_value) && *v > ind.max_value)) {
        char range[96];
        std::snprintf(range, sizeof range, "[%g; %g]", ind.min_value, ind.max_value);
        rd.problem(i, column, "giá trị " + raw + " ngoài khoảng hợp lý " + range + " của chỉ tiêu " + id);
        return;
      }
      Record r = record(rd.row(i).line, *u, "indicator_value");
      r.keys = {{"unit_code", u->code}, {"year", std::int64_t{year}}, {"set_id", set->id()}, {"indicator", id}};
      add(r, "value", *v, id);
      out.push_back(std::move(r));
    };
    for (const auto& [c, id] : wide) one(id, rd.cell(i, c), rd.header()[c], [&, c = c] { return rd.number_at(i, c); });
    if (long_form) {
      std::string id = rd.text(i, "indicator");
      if (!id.empty()) one(id, rd.text(i, "value"), rd.column_title("value"), [&] { return rd.number(i, "value"); });
    }
  }
}

// criterion_status (assessed): wide (TC 1 ... TC 19) or long (Tiêu chí + Đạt).
void statuses(Reader& rd, std::vector<Record>& out) {
  Sets sets(rd.db());
  std::map<std::size_t, int> wide;
  for (std::size_t c : std::set<std::size_t>(rd.unclaimed())) {
    std::string id = id_in_header(rd.header()[c], {"tc", "tieu chi", "criterion"});
    if (!id.empty() && id.size() <= 6 && id.find_first_not_of("0123456789") == std::string::npos) {
      wide[c] = std::stoi(id);
      rd.claim(c);
    }
  }
  bool long_form = rd.has("criterion") && rd.has("met");
  if (wide.empty() && !long_form) {
    rd.problem("không thấy cột tiêu chí: cần các cột 'TC 1' ... 'TC 19' (mẫu: ntm export --template statuses)");
    return;
  }
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    const Unit* u = rd.unit(i, kCommune);
    if (!u || !year) continue;
    const CriteriaSet* set = sets.for_year(year);
    auto one = [&](int n, const std::string& raw, const std::string& column) {
      if (raw.empty()) return;
      if (!set->criterion(n)) { rd.problem(i, column, "bộ tiêu chí " + set->id() + " không có tiêu chí " + std::to_string(n)); return; }
      int met = yes_no(raw);
      if (met < 0) { rd.problem(i, column, "'" + raw + "': ghi Đạt / Chưa đạt (hoặc 1 / 0)"); return; }
      Record r = record(rd.row(i).line, *u, "criterion_status");
      r.keys = {{"unit_code", u->code}, {"year", std::int64_t{year}}, {"set_id", set->id()},
                {"criterion", std::int64_t{n}}, {"by", std::string("assessed")}};
      add(r, "met", std::int64_t{met}, "TC " + std::to_string(n));
      out.push_back(std::move(r));
    };
    for (const auto& [c, n] : wide) one(n, rd.cell(i, c), rd.header()[c]);
    if (long_form) {
      std::string n = rd.text(i, "criterion");
      if (!n.empty() && n.size() <= 6 && n.find_first_not_of("0123456789") == std::string::npos) one(std::stoi(n), rd.text(i, "met"), rd.column_title("met"));
      else if (!n.empty()) rd.problem(i, rd.column_title("criterion"), "'" + n + "' không phải số tiêu chí");
    }
  }
}

void units(Reader& rd, std::vector<Record>& out) {
  const Province& p = rd.province();
  for (std::size_t i = 0; i < rd.size(); ++i) {
    std::string code = rd.text(i, "code"), name = rd.text(i, "name"), district = rd.text(i, "district");
    if (code.size() < 5 && !code.empty() && code.find_first_not_of("0123456789") == std::string::npos)
      code = std::string(5 - code.size(), '0') + code;
    if (code.size() != 5 || code.find_first_not_of("0123456789") != std::string::npos) {
      rd.problem(i, rd.column_title("code"), code.empty() ? "thiếu mã xã (5 chữ số)" : "mã xã '" + code + "' phải có 5 chữ số");
      continue;
    }
    if (name.empty()) { rd.problem(i, rd.column_title("name"), "thiếu tên xã"); continue; }
    const Unit* existing = p.find(code);
    if (existing && existing->kind != "commune") { rd.problem(i, rd.column_title("code"), "mã " + code + " là " + existing->name_with_type + ", không phải xã"); continue; }
    std::string type = existing ? existing->type : "xa";
    if (!rd.text(i, "type").empty()) {
      type = choose(rd.text(i, "type"), {{"xa", {"xã"}}, {"phuong", {"ward"}}, {"thi-tran", {"thi tran", "town"}}});
      if (type.empty()) { rd.problem(i, rd.column_title("type"), "loại '" + rd.text(i, "type") + "': ghi Xã, Phường hoặc Thị trấn"); continue; }
    }
    const Unit* parent = nullptr;
    if (!district.empty()) {
      try { parent = &p.district(district); } catch (const NotFound& e) { rd.problem(i, rd.column_title("district"), e.what()); continue; }
    } else if (!existing) {
      rd.problem(i, rd.column_title("district"), "xã mới cần cột 'Huyện'");
      continue;
    }
    // Strip a type word typed with the name ("Xã Nà Hỳ" → "Nà Hỳ").
    for (const char* prefix : {"Xã ", "xã ", "Phường ", "Thị trấn "})
      if (name.rfind(prefix, 0) == 0) name = name.substr(std::string(prefix).size());
    static const std::map<std::string, std::string> type_word{{"xa", "Xã "}, {"phuong", "Phường "}, {"thi-tran", "Thị trấn "}};
    Record r;
    r.line = rd.row(i).line;
    r.unit = existing ? label(*existing) : name + " (" + code + ")";
    r.table = "unit";
    r.keys = {{"code", code}};
    if (!existing) add(r, "kind", std::string("commune"));
    add(r, "type", type);
    add(r, "name", name);
    // Keep the stored spelling of the type word ("Thị Trấn") unless the type changes.
    std::string word = type_word.at(type);
    if (existing && existing->type == type && existing->name_with_type.size() > existing->name.size() &&
        existing->name_with_type.compare(existing->name_with_type.size() - existing->name.size(), std::string::npos,
                                         existing->name) == 0)
      word = existing->name_with_type.substr(0, existing->name_with_type.size() - existing->name.size());
    add(r, "name_with_type", word + name);
    if (parent || !existing) add(r, "parent_code", parent->code);
    for (const char* flag : {"extremely_difficult", "border", "mountainous"}) {
      if (!rd.has(flag)) continue;
      std::string t = rd.text(i, flag);
      int v = t.empty() ? 0 : yes_no(t);
      if (v < 0) { rd.problem(i, rd.column_title(flag), "'" + t + "': ghi x (có) hoặc để trống"); continue; }
      add(r, flag, std::int64_t{v});
    }
    out.push_back(std::move(r));
  }
}

void recognitions(Reader& rd, std::vector<Record>& out) {
  for (std::size_t i = 0; i < rd.size(); ++i) {
    const Unit* u = rd.unit(i, {"district", "commune", "village"});
    std::string grade = choose(rd.text(i, "grade"), {{"standard", {"dat chuan", "chuan", "nong thon moi", "ntm", "dat chuan ntm"}},
                                                     {"advanced", {"nang cao", "ntm nang cao"}},
                                                     {"model", {"kieu mau", "ntm kieu mau"}},
                                                     {"basic", {"co ban", "hoan thanh"}}});
    if (grade.empty()) { rd.problem(i, rd.column_title("grade"), "mức '" + rd.text(i, "grade") + "': ghi Đạt chuẩn, Nâng cao hoặc Kiểu mẫu"); continue; }
    std::string date = rd.date(i, "date"), revoked = rd.date(i, "revoked");
    int year = rd.has("year") && !rd.text(i, "year").empty() ? rd.year(i) : date.empty() ? rd.year(i) : std::stoi(date.substr(0, 4));
    if (!u || !year) continue;
    Record r = record(rd.row(i).line, *u, "recognition");
    r.keys = {{"unit_code", u->code}, {"grade", grade}};
    add(r, "year", std::int64_t{year});
    if (rd.has("decision")) add(r, "decision", text_or_null(rd.text(i, "decision")));
    if (rd.has("date")) add(r, "date", text_or_null(date));
    if (rd.has("revoked")) add(r, "revoked", text_or_null(revoked));
    out.push_back(std::move(r));
  }
}

void funding(Reader& rd, std::vector<Record>& out) {
  std::map<std::string, std::string> sources;   // folded code or name → code
  auto stmt = rd.db().prepare("SELECT code, name FROM funding_source");
  while (stmt.step()) {
    sources[stmt.get_text(0)] = stmt.get_text(0);
    sources[fold(stmt.get_text(1))] = stmt.get_text(0);
  }
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    const Unit* u = rd.unit(i, kAnyUnit);
    std::string raw = rd.text(i, "source");
    auto src = sources.find(raw);
    if (src == sources.end()) src = sources.find(fold(raw));
    if (src == sources.end()) { rd.problem(i, rd.column_title("source"), "không có nguồn vốn '" + raw + "' (xem: ntm query \"SELECT code, name FROM funding_source\")"); continue; }
    std::string stage = choose(rd.text(i, "stage"), {{"plan", {"ke hoach", "giao", "du toan"}},
                                                     {"mobilised", {"huy dong", "mobilized", "thuc hien"}},
                                                     {"disbursed", {"giai ngan"}}});
    if (stage.empty()) { rd.problem(i, rd.column_title("stage"), "giai đoạn '" + rd.text(i, "stage") + "': ghi Kế hoạch, Huy động hoặc Giải ngân"); continue; }
    auto amount = rd.number(i, "amount");
    if (!amount) { if (rd.text(i, "amount").empty()) rd.problem(i, rd.column_title("amount"), "thiếu số tiền (triệu đồng)"); continue; }
    if (*amount < 0 || *amount != std::floor(*amount)) { rd.problem(i, rd.column_title("amount"), "số tiền phải là số nguyên không âm (triệu đồng)"); continue; }
    if (!u || !year) continue;
    Record r = record(rd.row(i).line, *u, "funding");
    r.keys = {{"unit_code", u->code}, {"year", std::int64_t{year}}, {"source", src->second}, {"stage", stage}};
    add(r, "amount", static_cast<std::int64_t>(*amount), src->second + "/" + stage);
    if (rd.has("note")) add(r, "note", text_or_null(rd.text(i, "note")));
    out.push_back(std::move(r));
  }
}

// target and statistic: unit, year, key → value.
void keyed(Reader& rd, std::vector<Record>& out, const char* table) {
  bool statistic = std::string(table) == "statistic";
  for (std::size_t i = 0; i < rd.size(); ++i) {
    int year = rd.year(i);
    const Unit* u = rd.unit(i, kAnyUnit);
    std::string key = rd.text(i, "key");
    if (key.empty()) { rd.problem(i, rd.column_title("key"), "thiếu khóa (ví dụ standard_communes)"); continue; }
    auto value = rd.number(i, "value");
    if (!value && !statistic) { if (rd.text(i, "value").empty()) rd.problem(i, rd.column_title("value"), "thiếu giá trị"); continue; }
    if (!value && !rd.text(i, "value").empty()) continue;   // bad number, already a problem
    if (!u || !year) continue;
    Record r = record(rd.row(i).line, *u, table);
    r.keys = {{"unit_code", u->code}, {"year", std::int64_t{year}}, {"key", key}};
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
    const Unit* u = rd.unit(i, {"district", "commune"});
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
    if (!u || !year) continue;
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
    add(r, "unit_code", u->code, "đơn vị");
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

std::vector<Record> records_for(const std::string& kind, Reader& reader) {
  std::vector<Record> out;
  if (kind == "indicators") indicators(reader, out);
  else if (kind == "statuses") statuses(reader, out);
  else if (kind == "units") units(reader, out);
  else if (kind == "recognitions") recognitions(reader, out);
  else if (kind == "funding") funding(reader, out);
  else if (kind == "targets") keyed(reader, out, "target");
  else if (kind == "statistics") keyed(reader, out, "statistic");
  else if (kind == "ocop") ocop(reader, out);
  return out;
}

}  // namespace ntm::app::detail
