// ntm.allocate from Lua, the shipped formulas (scripts/allocations/) and `ntm allocate`:
// exact totals, order independence, reproducible output, saved plan versions, errors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "app/paths.h"
#include "app/plans.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using ntm::test::run_lua;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

ntm::test::Command allocate(const fs::path& db, const std::string& args) {
  return ntm::test::ntm("--db " + quoted(db) + " allocate " + args);
}

// A private copy of a sample database, for tests that write.
fs::path writable_copy(const std::string& sample, const std::string& name) {
  fs::path to = ntm::test::temp_dir() / (name + ".db");
  fs::copy_file(ntm::test::sample_db(sample), to, fs::copy_options::overwrite_existing);
  return to;
}

fs::path write_script(const std::string& name, const std::string& text) {
  fs::path p = ntm::test::temp_dir() / (name + ".lua");
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::int64_t count(const fs::path& db, const std::string& table) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  return std::get<std::int64_t>(*d.scalar("SELECT count(*) FROM " + table));
}

std::int64_t sum_amounts(const json& plan) {
  std::int64_t s = 0;
  for (const auto& l : plan["lines"]) s += l["amount"].get<std::int64_t>();
  return s;
}

const json& line_named(const json& plan, const std::string& name) {
  for (const auto& l : plan["lines"])
    if (l["name"] == name) return l;
  FAIL("no line for " << name);
  throw 0;
}

const std::string kDienBien = "--province 'Điện Biên' --year 2020";

}  // namespace

TEST_CASE("theo-nhu-cau splits 460 300 among the communes not yet standard, exactly and reproducibly") {
  const fs::path& db = ntm::test::sample_db("dien-bien-2020");
  auto a = allocate(db, "theo-nhu-cau " + kDienBien + " --total 460300 --format json");
  REQUIRE_MESSAGE(a.status == 0, a.err);
  auto b = allocate(db, "theo-nhu-cau " + kDienBien + " --total 460.300 --format json");
  REQUIRE(b.status == 0);
  CHECK(a.out == b.out);   // byte-identical, and "460.300" reads as 460300

  json plan = json::parse(a.out);
  CHECK(plan["total"] == 460300);
  CHECK(plan["lines"].size() == 94);   // 115 communes, 21 meeting all 19 criteria
  CHECK(sum_amounts(plan) == 460300);
  std::int64_t low = INT64_MAX, high = 0;
  std::string previous;
  for (const auto& l : plan["lines"]) {
    CAPTURE(l.dump());
    CHECK(l["code"].get<std::string>() > previous);   // sorted by code
    previous = l["code"].get<std::string>();
    CHECK(!l["name"].get<std::string>().empty());
    CHECK(!l["district"].get<std::string>().empty());
    CHECK(l["weight"].get<int>() >= 1);
    CHECK(l["weight"].get<int>() <= 19);
    CHECK(l["explanation"].get<std::string>().find("tiêu chí") != std::string::npos);
    CHECK(l["explanation"].get<std::string>().find("= ") != std::string::npos);
    low = std::min(low, l["amount"].get<std::int64_t>());
    high = std::max(high, l["amount"].get<std::int64_t>());
  }
  // Amounts are proportional to the criteria missing: weight 1 of Σ 834 → 552, 14 → 7 727.
  CHECK(low == 552);
  CHECK(high == 7727);
  std::int64_t districts = 0;
  for (const auto& [name, d] : plan["by_district"].items()) districts += d["amount"].get<std::int64_t>();
  CHECK(districts == 460300);
  CHECK(plan["by_district"]["Nậm Pồ"]["amount"] == 80580);

  // Text output: Vietnamese numbers, district totals.
  auto text = allocate(db, "theo-nhu-cau " + kDienBien + " --total 460300");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Tổng số tiền: 460.300 triệu đồng") != std::string::npos);
  CHECK(text.out.find("Tổng hợp theo huyện") != std::string::npos);
  CHECK(text.out.find("(94 dòng)") != std::string::npos);
  auto csv = allocate(db, "theo-nhu-cau " + kDienBien + " --total 460300 --format csv");
  REQUIRE(csv.status == 0);
  CHECK(csv.out.rfind("code,name,district,weight,amount,explanation\n", 0) == 0);
}

TEST_CASE("ntm.allocate gives the same plan whatever the order of the recipients") {
  auto r = run_lua(R"(
    local list = ntm.province("dien bien"):communes{year = 2020}
    local function weight(x) return 19 - x:count_met(), {group = "g" .. (19 - x:count_met() > 9 and 1 or 2)} end
    local function run(among)
      return ntm.allocate{total = 460300, among = among, weight = weight, floor = 500, cap = 9000,
                          counterpart_ratio = 0.1, set_asides = {{name = "Dự phòng", share = 0.05}}}
    end
    local base = run(list)
    assert(#base.lines == 115)
    for round = 1, 5 do
      local shuffled = {}
      for x in list do shuffled[#shuffled + 1] = x end
      for i = #shuffled, 2, -1 do
        local j = math.random(i)
        shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
      end
      local other = run(shuffled)
      for i, l in ipairs(base.lines) do
        local o = other.lines[i]
        assert(o.code == l.code and o.amount == l.amount and o.explanation == l.explanation,
               "khác ở " .. l.code .. ": " .. l.amount .. " / " .. o.amount)
        assert(o.counterpart == l.counterpart)
      end
    end
    -- Plain tables too, with their own weights; line.unit is the table given.
    local a = {{code = "B", name = "Bản B", weight = 1}, {code = "A", name = "Bản A", weight = 2},
               {code = "C", name = "Bản C", weight = 2}}
    local p1 = ntm.allocate{total = 100, among = a}
    local p2 = ntm.allocate{total = 100, among = {a[3], a[1], a[2]}}
    for i = 1, 3 do assert(p1.lines[i].amount == p2.lines[i].amount) end
    assert(p1.lines[1].code == "A" and p1.lines[1].unit == a[2])
    -- Ties broken by code: 100 among three equal weights gives 34, 33, 33 to A, B, C.
    local eq = ntm.allocate{total = 100, among = a, weight = 1}
    assert(eq.lines[1].amount == 34 and eq.lines[2].amount == 33 and eq.lines[3].amount == 33)
    print("OK", base.lines[1].amount, base.set_aside_total)
  )", ntm::test::sample_db("dien-bien-2020"));
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out.rfind("OK", 0) == 0);
}

TEST_CASE("random weights, floors and caps: the plan adds up to the total and respects the bounds") {
  auto r = run_lua(R"(
    local checked = 0
    for round = 1, 400 do
      local step = ({1, 1, 10, 100})[math.random(4)]
      local n = math.random(1, 40)
      local among, floor_sum = {}, 0
      for i = 1, n do
        local x = {code = string.format("%05d", math.random(99999)) .. "-" .. i,
                   district = "H" .. math.random(3),
                   weight = math.random() < 0.15 and 0 or math.random() * 1000}
        if math.random() < 0.3 then x.floor = step * math.random(0, 20); floor_sum = floor_sum + x.floor end
        if math.random() < 0.3 then x.cap = (x.floor or 0) + step * math.random(0, 50) end
        among[i] = x
      end
      among[1].weight, among[1].cap = 1 + math.random(), nil   -- someone takes the rest
      local total = floor_sum + step * math.random(0, 5000)
      local plan = ntm.allocate{total = total, among = among, step = step, by_district = round % 2 == 0,
                                weight = function(x) return x.weight end}
      local sum = plan.set_aside_total
      for _, l in ipairs(plan.lines) do
        local x = l.unit
        sum = sum + l.amount
        assert(l.amount % step == 0, "bước")
        if x.floor then assert(l.amount >= x.floor, "mức tối thiểu " .. l.code) end
        if x.cap then assert(l.amount <= x.cap, "mức tối đa " .. l.code) end
        assert(l.explanation ~= "")
      end
      assert(sum == total, string.format("tổng %d ~= %d", sum, total))
      local d = 0
      for _, t in pairs(plan.by_district) do d = d + t.amount end
      assert(d == total)
      checked = checked + 1
    end
    print(checked)
  )");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "400\n");
}

TEST_CASE("a bad weight is an error naming the recipient and the value") {
  const fs::path& db = ntm::test::sample_db("dien-bien-2020");
  struct Case { std::string weight, value; };
  for (const Case& c : {Case{"-2", "-2 (số âm"}, Case{"0/0", "NaN"}, Case{"'nhiều'", "chuỗi \"nhiều\""},
                        Case{"nil", "nil"}, Case{"1/0", "vô cực"}}) {
    CAPTURE(c.weight);
    auto r = run_lua("local list = ntm.province('dien bien'):communes{year = 2020}\n"
                     "ntm.allocate{total = 1000, among = list, weight = function(x)\n"
                     "  if x.code == '03154' then return " + c.weight + " end return 1 end}\n",
                     db, {}, "weight_error");
    REQUIRE(!r.ok);
    CHECK(r.kind == ntm::lua::ErrorKind::Script);
    CHECK(r.message.find("Hàm trọng số trả về giá trị không hợp lệ cho Sín Thầu (03154): " + c.value) !=
          std::string::npos);
    CHECK(r.message.find("weight_error.lua:2:") != std::string::npos);
  }
  // An error inside the weight function reaches the script as a Lua error.
  auto r = run_lua("local ok, e = pcall(ntm.allocate, {total = 10, among = {{code = 'A'}},\n"
                   "  weight = function() error('hỏng ở đây') end})\n"
                   "assert(not ok and e:find('hỏng ở đây'), e)\nprint('caught')\n");
  REQUIRE_MESSAGE(r.ok, r.message);
  CHECK(r.out == "caught\n");
}

TEST_CASE("infeasible or malformed requests are errors in Vietnamese") {
  const fs::path& db = ntm::test::sample_db("dien-bien-2020");
  auto message = [&](const std::string& spec) {
    auto r = run_lua("local list = ntm.province('dien bien'):communes{year = 2020}\nntm.allocate" + spec + "\n", db);
    CHECK(!r.ok);
    return r.message;
  };
  CHECK(message("{total = 1000, among = list, cap = 5}")
            .find("Tổng mức tối đa (ngoài phần cố định) của các đơn vị là 575, nhỏ hơn số tiền cần chia theo trọng số 1.000") !=
        std::string::npos);
  CHECK(message("{total = 1000, among = list, floor = 10}")
            .find("Tổng mức tối thiểu (ngoài phần cố định) là 1.150, vượt quá số tiền chia theo trọng số 1.000") !=
        std::string::npos);
  CHECK(message("{total = 1000, among = {}}").find("Danh sách đơn vị nhận phân bổ đang trống") != std::string::npos);
  CHECK(message("{total = -3, among = list}").find("Tổng số tiền phân bổ không được âm: -3") != std::string::npos);
  CHECK(message("{total = 12.5, among = list}").find("Tổng số tiền phân bổ phải là số nguyên (triệu đồng), nhận 12,5") !=
        std::string::npos);
  CHECK(message("{among = list}").find("thiếu total") != std::string::npos);
  CHECK(message("{total = 1000, among = list, floor = function(x) if x.code == '03154' then return 2.5 end end}")
            .find("Mức tối thiểu của Sín Thầu (03154) phải là số nguyên triệu đồng, nhận 2,5") != std::string::npos);
  CHECK(message("{total = 1000, among = list, floor = 5, step = 10}")
            .find("Mức tối thiểu của đơn vị 03145 (Thanh Minh) là 5, không phải bội số của bước làm tròn 10") !=
        std::string::npos);
  CHECK(message("{total = 10, among = {{code = 'X'}, {code = 'X'}}}").find("Mã đơn vị X bị trùng") != std::string::npos);
  CHECK(message("{total = 10, among = {{name = 'không mã'}}}").find("thiếu mã đơn vị (code)") != std::string::npos);
  CHECK(message("{total = 10, among = list, weight = {}}").find("Bảng trọng số (weight) không có mục cho") !=
        std::string::npos);
}

TEST_CASE("ntm allocate: bad totals exit 2, bad formulas exit 1, with a clear message, and save nothing") {
  fs::path db = writable_copy("dien-bien-2020", "alloc-errors");
  auto run = [&](const std::string& args) { return allocate(db, "theo-nhu-cau " + kDienBien + " " + args); };
  auto neg = run("--total -5 --save x --write");
  CHECK(neg.status == 2);
  CHECK(neg.err.find("Tổng số tiền phân bổ không được âm: '-5'") != std::string::npos);
  auto comma = run("--total 12,5");
  CHECK(comma.status == 2);
  CHECK(comma.err.find("phải là số nguyên triệu đồng, nhận '12,5'") != std::string::npos);
  auto dot = run("--total 12.5");
  CHECK(dot.status == 2);
  CHECK(dot.err.find("dấu chấm chỉ dùng để phân cách hàng nghìn") != std::string::npos);
  CHECK(run("--total 1.234.567 --format json").status == 0);

  auto bad_weight = write_script("f-bad-weight", R"(
    local p = ntm.params{province = {}, year = {type = "integer"}, total = {type = "integer"}}
    ntm.allocate{total = p.total, among = ntm.province(p.province):communes{year = p.year},
                 weight = function(x) if x.name == "Nà Hỳ" then return -1 end return 1 end}
  )");
  auto w = allocate(db, quoted(bad_weight) + " " + kDienBien + " --total 1000 --save w --write");
  CHECK(w.status == 1);
  CHECK(w.err.find("Hàm trọng số trả về giá trị không hợp lệ cho Nà Hỳ (") != std::string::npos);
  CHECK(w.err.find("): -1 (số âm") != std::string::npos);

  auto caps = write_script("f-caps", R"(
    local p = ntm.params{province = {}, year = {type = "integer"}, total = {type = "integer"}}
    ntm.allocate{total = p.total, among = ntm.province(p.province):communes{year = p.year}, cap = 100}
  )");
  auto c = allocate(db, quoted(caps) + " " + kDienBien + " --total 460300 --save c --write");
  CHECK(c.status == 1);
  CHECK(c.err.find("Tổng mức tối đa (ngoài phần cố định) của các đơn vị là 11.500") != std::string::npos);

  auto none = write_script("f-none", "ntm.params{province = {}, year = {}, total = {}}\n");
  auto n = allocate(db, quoted(none) + " " + kDienBien + " --total 5");
  CHECK(n.status == 1);
  CHECK(n.err.find("không gọi ntm.allocate") != std::string::npos);

  // The script allocates, then fails: nothing is saved.
  auto late = write_script("f-late", R"(
    local p = ntm.params{province = {}, year = {type = "integer"}, total = {type = "integer"}}
    ntm.allocate{total = p.total, among = ntm.province(p.province):communes{year = p.year}}
    error("hỏng sau khi phân bổ")
  )");
  auto l = allocate(db, quoted(late) + " " + kDienBien + " --total 1000 --save late --write");
  CHECK(l.status == 1);
  CHECK(l.err.find("hỏng sau khi phân bổ") != std::string::npos);

  auto empty = allocate(db, "thuong-huyen " + kDienBien + " --save e --write");   // no district has a rate
  CHECK(empty.status == 1);
  CHECK(empty.err.find("Danh sách đơn vị nhận phân bổ đang trống") != std::string::npos);

  CHECK(allocate(db, "khong-co-cong-thuc --total 5").status == 2);
  CHECK(allocate(db, "--list --show x").status == 2);
  CHECK(count(db, "allocation_plan") == 0);
  CHECK(count(db, "allocation_line") == 0);
}

TEST_CASE("thuong-huyen pays Yên Dũng 2 billion per standard commune and 6 billion per advanced one") {
  const fs::path& db = ntm::test::sample_db("bac-giang-2020");
  auto r = allocate(db, "thuong-huyen --province 'Bắc Giang' --year 2020 --format json");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  json plan = json::parse(r.out);
  std::map<std::int64_t, int> yen_dung, luc_nam;
  for (const auto& l : plan["lines"]) {
    if (l["district"] == "Yên Dũng") ++yen_dung[l["amount"].get<std::int64_t>()];
    else if (l["district"] == "Lục Nam") ++luc_nam[l["amount"].get<std::int64_t>()];
    else FAIL("unexpected district " << l["district"]);
    CHECK(l["explanation"].get<std::string>().find("phần cố định") != std::string::npos);
  }
  // The sample: Yên Dũng recognised 4 standard communes (Xuân Phú among them) and 2 advanced ones
  // in 2020; Lục Nam 4 and 1.
  CHECK(yen_dung == std::map<std::int64_t, int>{{2000, 4}, {6000, 2}});
  CHECK(luc_nam == std::map<std::int64_t, int>{{1000, 1}, {2500, 4}});
  CHECK(line_named(plan, "Xuân Phú")["amount"] == 2000);
  CHECK(line_named(plan, "Xuân Phú")["explanation"].get<std::string>().find("đạt chuẩn 2020") != std::string::npos);
  CHECK(plan["by_district"]["Yên Dũng"]["amount"] == 20000);
  CHECK(plan["by_district"]["Lục Nam"]["amount"] == 11000);
  CHECK(plan["total"] == 31000);
  CHECK(sum_amounts(plan) == 31000);

  CHECK(allocate(db, "thuong-huyen --province 'Bắc Giang' --year 2020 --total 31.000").status == 0);
  auto off = allocate(db, "thuong-huyen --province 'Bắc Giang' --year 2020 --total 30000");
  CHECK(off.status == 1);
  CHECK(off.err.find("Tổng thưởng theo mức của các huyện là 31.000 triệu đồng, khác --total 30.000") != std::string::npos);
}

TEST_CASE("he-so-nhom-xa weights by commune group and reports the counterpart funds") {
  const fs::path& db = ntm::test::sample_db("dien-bien-2020");
  auto r = allocate(db, "he-so-nhom-xa " + kDienBien + " --total 460300 --reserve 0,1 --format json");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  json plan = json::parse(r.out);
  CHECK(plan["lines"].size() == 115);
  CHECK(plan["set_aside_total"] == 46030);
  CHECK(sum_amounts(plan) + 46030 == 460300);
  std::int64_t counterpart = 0;
  int border = 0;
  for (const auto& l : plan["lines"]) {
    REQUIRE(l.contains("counterpart"));
    counterpart += l["counterpart"].get<std::int64_t>();
    if (l["group"] == "Nhóm 1: xã biên giới") {
      ++border;
      CHECK(l["coefficient"] == 2);
      CHECK(l["explanation"].get<std::string>().find("Nhóm 1: xã biên giới (hệ số 2)") != std::string::npos);
    }
  }
  CHECK(border == 29);   // the 29 border communes of the sample
  CHECK(counterpart == plan["counterpart_total"].get<std::int64_t>());
  CHECK(counterpart > 0);
  std::ifstream in(ntm::app::data_dir() / "scripts" / "allocations" / "he-so-nhom-xa.lua");
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("VÍ DỤ — chưa đối chiếu văn bản gốc") != std::string::npos);
  CHECK(text.str().find("07/2022/QĐ-TTg") != std::string::npos);
}

TEST_CASE("a saved plan can be listed, shown, exported to xlsx and compared") {
  fs::path db = writable_copy("dien-bien-2020", "alloc-plans");
  const std::string need = "theo-nhu-cau " + kDienBien + " --total 460300";

  auto dry = allocate(db, need + " --save nhu-cau");
  REQUIRE(dry.status == 0);
  CHECK(dry.err.find("Chưa ghi gì vào cơ sở dữ liệu") != std::string::npos);
  CHECK(count(db, "allocation_plan") == 0);

  auto saved = allocate(db, need + " --save nhu-cau --write");
  REQUIRE_MESSAGE(saved.status == 0, saved.err);
  CHECK(count(db, "allocation_plan") == 1);
  CHECK(count(db, "allocation_line") == 94);
  auto again = allocate(db, need + " --save nhu-cau --write");
  CHECK(again.status == 1);
  CHECK(again.err.find("Đã có phương án phân bổ tên 'nhu-cau'") != std::string::npos);
  CHECK(allocate(db, need + " --save nhu-cau --write --replace").status == 0);
  CHECK(count(db, "allocation_plan") == 1);
  CHECK(count(db, "allocation_line") == 94);
  REQUIRE(allocate(db, "he-so-nhom-xa " + kDienBien + " --total 460300 --save he-so --write").status == 0);

  auto list = allocate(db, "--list --format json");
  REQUIRE(list.status == 0);
  json plans = json::parse(list.out);
  REQUIRE(plans.size() == 2);   // before nhu-cau-2 below
  CHECK(plans[0]["name"] == "he-so");
  CHECK(plans[1]["name"] == "nhu-cau");
  CHECK(plans[1]["lines"] == 94);
  CHECK(plans[1]["total"] == 460300);
  CHECK(allocate(db, "--list").out.find("nhu-cau") != std::string::npos);

  // Shown again: the same amounts and explanations as a fresh run.
  json fresh = json::parse(allocate(db, need + " --format json").out);
  auto show = allocate(db, "--show nhu-cau --format json");
  REQUIRE(show.status == 0);
  json stored = json::parse(show.out);
  CHECK(stored["name"] == "nhu-cau");
  CHECK(stored["inputs_hash"].get<std::string>().size() == 64);
  // Every script the run loaded, with its SHA-256, recorded with the plan.
  REQUIRE(stored.contains("scripts"));
  CHECK(stored["scripts"]["allocations/theo-nhu-cau.lua"] == stored["formula_sha256"]);
  REQUIRE(stored["lines"].size() == fresh["lines"].size());
  for (std::size_t i = 0; i < fresh["lines"].size(); ++i) {
    for (const char* key : {"code", "name", "district", "weight", "amount", "explanation"})
      CHECK(stored["lines"][i][key] == fresh["lines"][i][key]);
  }
  CHECK(stored["by_district"] == fresh["by_district"]);
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
    auto source = std::get<std::string>(*d.scalar("SELECT formula_source FROM allocation_plan WHERE name = 'nhu-cau'"));
    CHECK(source.find("Phân bổ theo nhu cầu") != std::string::npos);
    auto params = std::get<std::string>(*d.scalar("SELECT params FROM allocation_plan WHERE name = 'nhu-cau'"));
    CHECK(json::parse(params)["args"]["total"] == "460300");
    CHECK(json::parse(params)["args"]["province"] == "11");
  }
  // The same inputs spelled differently (accents, thousands dots) give the same inputs hash.
  REQUIRE(allocate(db, "theo-nhu-cau --province 'dien bien' --year 2020 --total 460.300 --save nhu-cau-2 --write")
              .status == 0);
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
    auto hashes = d.prepare("SELECT inputs_hash, formula_sha256 FROM allocation_plan WHERE name LIKE 'nhu-cau%' ORDER BY name");
    REQUIRE(hashes.step());
    std::string first = hashes.get_text(0), sha = hashes.get_text(1);
    REQUIRE(hashes.step());
    CHECK(hashes.get_text(0) == first);
    CHECK(hashes.get_text(1) == sha);
  }

  fs::path xlsx = ntm::test::temp_dir() / "nhu-cau.xlsx";
  auto exported = allocate(db, "--show nhu-cau -o " + quoted(xlsx));
  REQUIRE_MESSAGE(exported.status == 0, exported.err);
  std::ifstream x(xlsx, std::ios::binary);
  char magic[2] = {};
  x.read(magic, 2);
  CHECK(std::string(magic, 2) == "PK");
  CHECK(fs::file_size(xlsx) > 5000);

  auto diff = allocate(db, "--diff nhu-cau he-so --format json");
  REQUIRE(diff.status == 0);
  json d = json::parse(diff.out);
  CHECK(d["total_a"] == 460300);
  CHECK(d["total_b"] == 460300);
  CHECK(d["difference"] == 0);
  CHECK(d["only_a"].empty());
  CHECK(d["only_b"].size() == 21);   // the standard communes get money only by group coefficient
  CHECK(d["lines"].size() == 115);
  auto text = allocate(db, "--diff nhu-cau he-so");
  CHECK(text.out.find("Chênh lệch (B − A)") != std::string::npos);
  CHECK(text.out.find("chỉ có trong B") != std::string::npos);

  auto missing = allocate(db, "--show nhu-cua");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("Không có phương án phân bổ tên 'nhu-cua'; có phải: nhu-cau") != std::string::npos);
}

TEST_CASE("the inputs hash covers recipients, weights and parameters, not their order") {
  ntm::AllocatedPlan run;
  run.request.total = 100;
  for (const char* code : {"B", "A", "C"}) {
    ntm::Recipient r;
    r.code = code;
    r.weight = code[0] == 'A' ? 2 : 1;
    run.request.recipients.push_back(r);
  }
  std::map<std::string, std::string> args = {{"total", "100"}};
  std::string params = ntm::app::params_json(args, run);
  CHECK(params == R"({"args":{"total":"100"},"by_district":false,"set_asides":[],"step":1})");
  std::string h = ntm::app::inputs_hash(run, params);
  std::swap(run.request.recipients[0], run.request.recipients[2]);
  CHECK(ntm::app::inputs_hash(run, params) == h);
  CHECK(ntm::app::inputs_hash(run, ntm::app::params_json({{"total", "200"}}, run)) != h);
  run.request.recipients[0].weight = 1.5;
  CHECK(ntm::app::inputs_hash(run, params) != h);
}

TEST_CASE("phan-bo-tinh splits among provinces by the communes' groups of 07/2022, and says what it leaves out") {
  fs::path db = ntm::test::sample_db("dien-bien-2020");
  // Điện Biên 2020: 101 of 115 communes are ĐBKK (excluded); of the other 14, none below 15
  // criteria, 2 with 15-18 (× 3) and 12 standard (× 1): weight 18. Bắc Giang has no 2020
  // data in this database: a line of 0, said on the line and on standard error.
  auto r = allocate(db, "phan-bo-tinh --year 2020 --total 1.000 --provinces 'dien bien, bac giang' --format json");
  INFO(r.err);
  REQUIRE(r.status == 0);
  json plan = json::parse(r.out);
  REQUIRE(plan["lines"].size() == 2);
  CHECK(plan["province"].is_null());
  CHECK(plan["lines"][0]["name"] == "Điện Biên");
  CHECK(plan["lines"][0]["weight"] == 18);
  CHECK(plan["lines"][0]["amount"] == 1000);
  CHECK(plan["lines"][0]["group"] == "0 xã <15 TC/ATK × 5; 2 xã 15–18 TC × 3; 12 xã đạt chuẩn × 1; không tính: 101 xã ĐBKK");
  CHECK(plan["lines"][1]["name"] == "Bắc Giang");
  CHECK(plan["lines"][1]["amount"] == 0);
  CHECK(plan["lines"][1]["group"] == "chưa có số liệu năm 2020: không tính");
  CHECK(r.err.find("1 tỉnh chưa có số liệu năm 2020, không được phân bổ: Bắc Giang") != std::string::npos);
  // 2020 is outside 2021-2025: the coefficients used are said to be 07/2022's.
  CHECK(r.err.find("năm 2020 ngoài giai đoạn 2021–2025 của QĐ 07/2022/QĐ-TTg") != std::string::npos);

  auto none = allocate(db, "phan-bo-tinh --year 2026 --total 1.000");
  CHECK(none.status == 1);
  CHECK(none.err.find("không tỉnh nào có số liệu năm 2026 để xếp nhóm xã") != std::string::npos);
  auto unknown = allocate(db, "phan-bo-tinh --year 2020 --total 1.000 --provinces 'Điện Biên, Atlantis'");
  CHECK(unknown.status != 0);
  CHECK(unknown.err.find("không tìm thấy tỉnh 'Atlantis'") != std::string::npos);
}
