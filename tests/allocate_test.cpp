// Tests of the allocation engine (src/model/allocate.h): hand-checked figures, every error
// message, and properties over thousands of random inputs checked against an independent
// long double water-filling reference.
#include "model/allocate.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <string>

using ntm::AllocationError;
using ntm::AllocationLine;
using ntm::AllocationRequest;
using ntm::AllocationResult;
using ntm::Recipient;
using ntm::SetAside;

namespace {

Recipient rec(std::string code, double weight) {
  Recipient r;
  r.code = std::move(code);
  r.weight = weight;
  return r;
}

AllocationRequest request(std::int64_t total, std::vector<Recipient> recipients, std::int64_t step = 1) {
  AllocationRequest q;
  q.total = total;
  q.step = step;
  q.recipients = std::move(recipients);
  return q;
}

const AllocationLine& line(const AllocationResult& r, const std::string& code) {
  for (const AllocationLine& l : r.lines)
    if (l.code == code) return l;
  FAIL("no line " << code);
  throw 0;
}

std::vector<std::int64_t> amounts(const AllocationResult& r) {
  std::vector<std::int64_t> out;
  for (const AllocationLine& l : r.lines) out.push_back(l.amount);
  return out;
}

std::int64_t sum(const AllocationResult& r) {
  std::int64_t s = r.set_aside_total;
  for (const AllocationLine& l : r.lines) s += l.amount;
  return s;
}

// The message allocate() throws for `q`, or "" when it does not throw.
std::string error_of(const AllocationRequest& q) {
  try {
    ntm::allocate(q);
  } catch (const AllocationError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("allocate: 460.300 by weights 1, 2, 3") {
  AllocationRequest q = request(460300, {rec("C", 3), rec("A", 1), rec("B", 2)});
  q.recipients[1].group = "Nhóm 2";
  q.recipients[1].coefficient = 1.5;
  AllocationResult r = ntm::allocate(q);
  // Exact shares 76.716,67 / 153.433,33 / 230.150: floors sum to 460.299, the one step left
  // goes to the largest remainder (A, 0,67).
  CHECK(amounts(r) == std::vector<std::int64_t>{76717, 153433, 230150});
  CHECK(r.pool == 460300);
  CHECK(sum(r) == 460300);
  CHECK(line(r, "A").rounding_adjustment == 1);
  CHECK(line(r, "B").rounding_adjustment == 0);
  CHECK(line(r, "A").share == doctest::Approx(460300.0 / 6));
  CHECK(line(r, "C").share == doctest::Approx(230150.0));
  CHECK(line(r, "A").explanation ==
        "Nhóm 2 (hệ số 1,5); tỷ trọng 16,67% của 460.300 → 76.716,66; làm tròn theo bước 1: +1; = 76.717");
  CHECK(line(r, "C").explanation == "Tỷ trọng 50,00% của 460.300 → 230.150; làm tròn theo bước 1: +0; = 230.150");
  // The structured form says the same.
  const auto& d = line(r, "A").details;
  auto value = [&](const std::string& key) {
    for (const auto& item : d)
      if (item.key == key) return item.value;
    FAIL("no detail " << key);
    throw 0;
  };
  CHECK(std::get<std::string>(value("group")) == "Nhóm 2");
  CHECK(std::get<double>(value("coefficient")) == 1.5);
  CHECK(std::get<std::int64_t>(value("rounding_adjustment")) == 1);
  CHECK(std::get<std::int64_t>(value("amount")) == 76717);
  CHECK(std::get<std::int64_t>(value("base")) == 460300);
  CHECK(std::get<bool>(value("floor_applied")) == false);
  CHECK(std::get<double>(value("weight_fraction")) == doctest::Approx(1.0 / 6));
}

TEST_CASE("allocate: step 10") {
  AllocationResult r = ntm::allocate(request(460300, {rec("A", 1), rec("B", 2), rec("C", 3)}, 10));
  // 7.671,67 / 15.343,33 / 23.015 steps → 76.710 + 10, 153.430, 230.150.
  CHECK(amounts(r) == std::vector<std::int64_t>{76720, 153430, 230150});
  CHECK(line(r, "A").rounding_adjustment == 10);
  CHECK(line(r, "A").explanation == "Tỷ trọng 16,67% của 460.300 → 76.716,66; làm tròn theo bước 10: +10; = 76.720");
}

TEST_CASE("allocate: equal remainders go to the smaller code, whatever the input order") {
  AllocationResult r = ntm::allocate(request(100, {rec("11003", 1), rec("11001", 1), rec("11002", 1)}));
  CHECK(amounts(r) == std::vector<std::int64_t>{34, 33, 33});
  CHECK(r.lines[0].code == "11001");
  // Seven weights of 0.1 (not exact in binary) still tie exactly: 10/7 each, 3 steps left.
  std::vector<Recipient> seven;
  for (int i = 7; i >= 1; --i) seven.push_back(rec("0" + std::to_string(i), 0.1));
  CHECK(amounts(ntm::allocate(request(10, seven))) == std::vector<std::int64_t>{2, 2, 2, 1, 1, 1, 1});
  // 0.1, 0.2, 0.3 are not exactly 1:2:3 in binary, yet 6 splits as 1, 2, 3.
  CHECK(amounts(ntm::allocate(request(6, {rec("a", 0.1), rec("b", 0.2), rec("c", 0.3)}))) ==
        std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("allocate: floors raise the small and take from the others") {
  std::vector<Recipient> rs = {rec("A", 1), rec("B", 1), rec("C", 8)};
  for (auto& x : rs) x.floor = 200;
  AllocationResult r = ntm::allocate(request(1000, rs));
  // Proportional 100 / 100 / 800: A and B are raised to 200, C keeps the remaining 600.
  CHECK(amounts(r) == std::vector<std::int64_t>{200, 200, 600});
  CHECK(line(r, "A").floor_applied);
  CHECK_FALSE(line(r, "C").floor_applied);
  CHECK(line(r, "A").proportional == doctest::Approx(100));
  CHECK(line(r, "A").explanation == "Tỷ trọng 10,00% của 1.000 → 100; nâng lên mức tối thiểu 200; = 200");
  CHECK(line(r, "C").explanation ==
        "Tỷ trọng 100,00% của phần còn lại 600 → 600; làm tròn theo bước 1: +0; = 600");
}

TEST_CASE("allocate: a cap frees money for the others") {
  std::vector<Recipient> rs = {rec("A", 1), rec("B", 1), rec("C", 8)};
  rs[2].cap = 500;
  AllocationResult r = ntm::allocate(request(1000, rs));
  CHECK(amounts(r) == std::vector<std::int64_t>{250, 250, 500});
  CHECK(line(r, "C").cap_applied);
  CHECK(line(r, "C").explanation == "Tỷ trọng 80,00% của 1.000 → 800; giảm xuống mức tối đa 500; = 500");
}

TEST_CASE("allocate: floors and caps over several rounds") {
  // W = 20, proportional 50 / 100 / 150 / 700. D is capped at 600 first, then A falls
  // below its floor and is raised to 100; B and C share 300 as 2:3. λ = 60 per weight.
  std::vector<Recipient> rs = {rec("A", 1), rec("B", 2), rec("C", 3), rec("D", 14)};
  for (auto& x : rs) x.floor = 100;
  rs[3].cap = 600;
  AllocationResult r = ntm::allocate(request(1000, rs));
  CHECK(amounts(r) == std::vector<std::int64_t>{100, 120, 180, 600});
  CHECK(line(r, "A").floor_applied);
  CHECK_FALSE(line(r, "B").floor_applied);
  CHECK(line(r, "D").cap_applied);
  CHECK(line(r, "B").share == doctest::Approx(120));
}

TEST_CASE("allocate: set-asides come first") {
  AllocationRequest q = request(460300, {rec("A", 1), rec("B", 3)});
  q.set_asides = {SetAside{"Dự phòng", std::nullopt, 0.05}, SetAside{"Thưởng", 37285, std::nullopt}};
  AllocationResult r = ntm::allocate(q);
  REQUIRE(r.set_asides.size() == 2);
  CHECK(r.set_asides[0].name == "Dự phòng");
  CHECK(r.set_asides[0].amount == 23015);
  CHECK(r.set_asides[1].amount == 37285);
  CHECK(r.set_aside_total == 60300);
  CHECK(r.pool == 400000);
  CHECK(amounts(r) == std::vector<std::int64_t>{100000, 300000});
  CHECK(sum(r) == 460300);
  // A share is rounded half-up to the step: 1.000 × 12,5% = 125 → 130 at step 10.
  AllocationRequest h = request(1000, {rec("A", 1)}, 10);
  h.set_asides = {SetAside{"Dự phòng", std::nullopt, 0.125}};
  CHECK(ntm::allocate(h).set_asides[0].amount == 130);
  CHECK(ntm::allocate(h).lines[0].amount == 870);
}

TEST_CASE("allocate: fixed parts are given before the weighted split") {
  std::vector<Recipient> rs = {rec("A", 1), rec("B", 2), rec("C", 4)};
  for (auto& x : rs) x.fixed = 1000;
  AllocationResult r = ntm::allocate(request(10000, rs));
  CHECK(r.fixed_total == 3000);
  CHECK(r.pool == 7000);
  CHECK(amounts(r) == std::vector<std::int64_t>{2000, 3000, 5000});
  CHECK(line(r, "B").fixed == 1000);
  CHECK(line(r, "B").weighted == 2000);
  CHECK(line(r, "B").explanation ==
        "Phần cố định 1.000; tỷ trọng 28,57% của 7.000 → 2.000; làm tròn theo bước 1: +0; = 3.000");
  // A floor counts the fixed part: A needs 1.500 more to reach 2.500.
  rs[0].floor = 2500;
  r = ntm::allocate(request(10000, rs));
  CHECK(amounts(r) == std::vector<std::int64_t>{2500, 2833, 4667});
  CHECK(line(r, "A").weighted == 1500);
}

TEST_CASE("allocate: zero weights") {
  std::vector<Recipient> rs = {rec("A", 0), rec("B", 0), rec("C", 1)};
  rs[0].floor = 300;
  AllocationResult r = ntm::allocate(request(1000, rs));
  CHECK(amounts(r) == std::vector<std::int64_t>{300, 0, 700});
  CHECK(line(r, "A").floor_applied);
  CHECK_FALSE(line(r, "B").floor_applied);
  CHECK(line(r, "A").explanation == "Trọng số 0; nâng lên mức tối thiểu 300; = 300");
  CHECK(line(r, "B").explanation == "Trọng số 0; = 0");
  // Nothing to split: all zero weights are fine.
  CHECK(amounts(ntm::allocate(request(0, {rec("A", 0), rec("B", 0)}))) == std::vector<std::int64_t>{0, 0});
}

TEST_CASE("allocate: two levels, districts first") {
  std::vector<Recipient> rs = {rec("a", 1), rec("b", 1), rec("c", 1)};
  rs[0].district = "D1";
  rs[1].district = "D2";
  rs[2].district = "D2";
  AllocationRequest q = request(10, rs);
  // Flat: 3,33 each → a takes the step left.
  AllocationResult flat = ntm::allocate(q);
  CHECK(amounts(flat) == std::vector<std::int64_t>{4, 3, 3});
  REQUIRE(flat.districts.size() == 2);
  CHECK(flat.districts[0].amount == 4);
  CHECK(flat.districts[1].amount == 6);
  // Two levels: D1 3,33 → 3, D2 6,67 → 7; then D2's 7 as 3,5 + 3,5 → b 4, c 3.
  q.by_district = true;
  AllocationResult two = ntm::allocate(q);
  CHECK(amounts(two) == std::vector<std::int64_t>{3, 4, 3});
  REQUIRE(two.districts.size() == 2);
  CHECK(two.districts[0].district == "D1");
  CHECK(two.districts[0].amount == 3);
  CHECK(two.districts[0].share == doctest::Approx(10.0 / 3));
  CHECK(two.districts[1].amount == 7);
  CHECK(two.districts[1].weight == 2);
  CHECK(two.districts[1].recipients == 2);
  CHECK(line(two, "b").share == doctest::Approx(3.5));
  CHECK(line(two, "b").explanation ==
        "Huyện D2 được chia 7; tỷ trọng 50,00% của 7 → 3,5; làm tròn theo bước 1: +1; = 4");
}

TEST_CASE("allocate: two levels carry floors and caps to the districts") {
  std::vector<Recipient> rs = {rec("a", 1), rec("b", 1), rec("c", 10)};
  rs[0].district = "D1";
  rs[1].district = "D1";
  rs[2].district = "D2";
  rs[0].floor = 300;
  rs[1].floor = 300;
  rs[2].cap = 500;
  AllocationRequest q = request(1000, rs);
  q.by_district = true;
  AllocationResult r = ntm::allocate(q);
  // D1 [600, ∞) by weight 2, D2 [0, 500] by weight 10: proportional 166,67 / 833,33, so
  // D1 is short by 433,33 and D2 over by 333,33: D1 is held at 600, D2 gets the 400 left.
  CHECK(amounts(r) == std::vector<std::int64_t>{300, 300, 400});
  CHECK(r.districts[0].amount == 600);
  CHECK(r.districts[1].amount == 400);
}

TEST_CASE("allocate: counterpart funds beside the amount") {
  std::vector<Recipient> rs = {rec("A", 14777), rec("B", 15), rec("C", 10), rec("D", 1)};
  rs[0].counterpart_ratio = 0.1;   // 1.477,7 → 1.478
  rs[1].counterpart_ratio = 0.1;   // 1,5 → 2 (half-up)
  rs[2].counterpart_ratio = 0.15;  // 1,5 → 2, though 0.15 is a little below in binary
  AllocationResult r = ntm::allocate(request(14803, rs));
  CHECK(amounts(r) == std::vector<std::int64_t>{14777, 15, 10, 1});
  CHECK(line(r, "A").counterpart == 1478);
  CHECK(line(r, "B").counterpart == 2);
  CHECK(line(r, "C").counterpart == 2);
  CHECK_FALSE(line(r, "D").counterpart.has_value());
  CHECK(r.counterpart_total == 1482);
  CHECK(sum(r) == 14803);  // not part of the total
  CHECK(line(r, "A").explanation.find("; vốn đối ứng 10,00%: 1.478") != std::string::npos);
}

TEST_CASE("allocate: extreme weights and many recipients stay exact") {
  AllocationResult r = ntm::allocate(request(1000, {rec("a", 1e-300), rec("b", 1e300), rec("c", 5e-324)}));
  CHECK(amounts(r) == std::vector<std::int64_t>{0, 1000, 0});
  std::vector<Recipient> many;
  for (int i = 0; i < 3000; ++i) many.push_back(rec(std::to_string(100000 + i), 1 + i % 7));
  AllocationResult big = ntm::allocate(request(987654320, many, 10));
  CHECK(sum(big) == 987654320);
  // Σw = 428 × 28 + (1 + 2 + 3 + 4) = 11.994; weight 1 gets 987.654.320 / 11.994 = 82.345,7.
  CHECK(line(big, "100000").amount == 82340 + (line(big, "100000").rounding_adjustment));
  CHECK(std::llabs(line(big, "100006").amount - 7 * line(big, "100000").amount) <= 70);
}

TEST_CASE("allocate: errors name the unit and the value") {
  const std::vector<Recipient> two = {rec("11001", 1), rec("11002", 2)};
  auto with = [&](auto change) {
    AllocationRequest q = request(1000, two);
    change(q);
    return error_of(q);
  };
  CHECK(with([](AllocationRequest& q) { q.total = -5; }) == "Tổng số tiền phân bổ không được âm: -5");
  CHECK(with([](AllocationRequest& q) { q.step = 0; }) == "Bước làm tròn phải lớn hơn 0: 0");
  CHECK(with([](AllocationRequest& q) { q.step = -10; }) == "Bước làm tròn phải lớn hơn 0: -10");
  CHECK(with([](AllocationRequest& q) { q.total = 1005; q.step = 10; }) ==
        "Tổng số tiền phân bổ 1.005 không chia hết cho bước làm tròn 10");
  CHECK(with([](AllocationRequest& q) { q.recipients.clear(); }) == "Danh sách đơn vị nhận phân bổ đang trống");
  CHECK(with([](AllocationRequest& q) { q.recipients[1].weight = -0.5; }) ==
        "Trọng số của đơn vị 11002 không hợp lệ: -0,5 (phải là số hữu hạn, không âm)");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].weight = std::nan(""); }) ==
        "Trọng số của đơn vị 11001 không hợp lệ: NaN (phải là số hữu hạn, không âm)");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].weight = std::numeric_limits<double>::infinity(); }) ==
        "Trọng số của đơn vị 11001 không hợp lệ: ∞ (phải là số hữu hạn, không âm)");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].weight = q.recipients[1].weight = 0; }) ==
        "Tất cả trọng số đều bằng 0 nên không chia được 1.000 theo trọng số");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].floor = 500; q.recipients[0].cap = 300; }) ==
        "Đơn vị 11001 có mức tối thiểu 500 lớn hơn mức tối đa 300");
  CHECK(with([](AllocationRequest& q) { q.recipients[1].code = "11001"; }) ==
        "Mã đơn vị 11001 bị trùng trong danh sách nhận phân bổ");
  CHECK(with([](AllocationRequest& q) { q.recipients[1].code = ""; }) == "Có đơn vị nhận phân bổ chưa có mã đơn vị");
  CHECK(with([](AllocationRequest& q) {
          q.set_asides = {SetAside{"Dự phòng", 700, std::nullopt}, SetAside{"Thưởng", 500, std::nullopt}};
        }) == "Tổng các khoản trích trước (1.200) vượt quá tổng số tiền phân bổ (1.000)");
  CHECK(with([](AllocationRequest& q) { q.set_asides = {SetAside{"Dự phòng", std::nullopt, 1.5}}; }) ==
        "Tỷ lệ của khoản trích trước 'Dự phòng' không hợp lệ: 1,5 (phải từ 0 đến 1)");
  CHECK(with([](AllocationRequest& q) { q.set_asides = {SetAside{"Dự phòng", 10, 0.1}}; }) ==
        "Khoản trích trước 'Dự phòng' phải có đúng một trong hai: số tiền hoặc tỷ lệ");
  CHECK(with([](AllocationRequest& q) { q.set_asides = {SetAside{"Thưởng", -1, std::nullopt}}; }) ==
        "Khoản trích trước 'Thưởng' không được âm: -1");
  CHECK(with([](AllocationRequest& q) { q.step = 10; q.set_asides = {SetAside{"Thưởng", 15, std::nullopt}}; }) ==
        "Khoản trích trước 'Thưởng' là 15, không phải bội số của bước làm tròn 10");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].floor = 600; q.recipients[1].floor = 500; }) ==
        "Tổng mức tối thiểu (ngoài phần cố định) là 1.100, vượt quá số tiền chia theo trọng số 1.000");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].cap = 300; q.recipients[1].cap = 500; }) ==
        "Tổng mức tối đa (ngoài phần cố định) của các đơn vị là 800, nhỏ hơn số tiền cần chia theo trọng số 1.000");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].fixed = 600; q.recipients[1].fixed = 500; }) ==
        "Tổng phần cố định (1.100) vượt quá số tiền còn lại sau các khoản trích trước (1.000)");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].fixed = 600; q.recipients[0].cap = 500; }) ==
        "Đơn vị 11001 có mức tối đa 500 nhỏ hơn phần cố định 600");
  CHECK(with([](AllocationRequest& q) { q.recipients[0].fixed = -1; }) ==
        "Phần cố định của đơn vị 11001 không được âm: -1");
  CHECK(with([](AllocationRequest& q) { q.step = 10; q.recipients[1].floor = 105; }) ==
        "Mức tối thiểu của đơn vị 11002 là 105, không phải bội số của bước làm tròn 10");
  CHECK(with([](AllocationRequest& q) { q.recipients[1].cap = -3; }) == "Mức tối đa của đơn vị 11002 không được âm: -3");
  CHECK(with([](AllocationRequest& q) { q.recipients[1].counterpart_ratio = -0.1; }) ==
        "Tỷ lệ vốn đối ứng của đơn vị 11002 không hợp lệ: -0,1");
  CHECK(with([](AllocationRequest& q) { q.recipients[1].coefficient = std::nan(""); }) ==
        "Hệ số của đơn vị 11002 không hợp lệ: NaN");
  CHECK(with([](AllocationRequest& q) { q.by_district = true; q.recipients[0].district = "301"; }) ==
        "Đơn vị 11002 chưa có huyện, không thể phân bổ hai cấp theo huyện");
  // The type is AllocationError, a std::runtime_error.
  CHECK_THROWS_WITH_AS(ntm::allocate(request(-1, two)), "Tổng số tiền phân bổ không được âm: -1", std::runtime_error);
}

// ---------------------------------------------------------------------------------------
// Properties over random inputs.

namespace {

struct Bound {
  long double w, lo, hi;  // hi = inf when uncapped
};

// Reference water-filling in long double: s_i = clamp(λ w_i, lo_i, hi_i), Σ s_i = pool,
// λ found by bisection. Independent of the engine's exact algorithm.
std::vector<long double> reference(const std::vector<Bound>& bs, long double pool) {
  auto at = [&](long double lambda, std::vector<long double>* out) {
    long double total = 0;
    for (const Bound& b : bs) {
      long double s = b.w == 0 ? b.lo : std::clamp(lambda * b.w, b.lo, b.hi);
      total += s;
      if (out) out->push_back(s);
    }
    return total;
  };
  long double lo = 0, hi = 1;
  while (at(hi, nullptr) < pool && hi < 1e300L) hi *= 2;
  for (int i = 0; i < 400; ++i) {
    long double mid = (lo + hi) / 2;
    (at(mid, nullptr) < pool ? lo : hi) = mid;
  }
  std::vector<long double> out;
  at(hi, &out);
  return out;
}

bool same(const AllocationResult& a, const AllocationResult& b) {
  if (a.lines.size() != b.lines.size() || a.pool != b.pool || a.districts.size() != b.districts.size())
    return false;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const AllocationLine &x = a.lines[i], &y = b.lines[i];
    if (x.code != y.code || x.amount != y.amount || x.share != y.share || x.explanation != y.explanation ||
        x.rounding_adjustment != y.rounding_adjustment || x.counterpart != y.counterpart ||
        x.details.size() != y.details.size())
      return false;
    for (std::size_t k = 0; k < x.details.size(); ++k)
      if (x.details[k].key != y.details[k].key || x.details[k].value != y.details[k].value) return false;
  }
  for (std::size_t i = 0; i < a.districts.size(); ++i)
    if (a.districts[i].district != b.districts[i].district || a.districts[i].amount != b.districts[i].amount)
      return false;
  return true;
}

struct Generator {
  std::mt19937_64 rng{20240917};
  std::int64_t uniform(std::int64_t a, std::int64_t b) { return std::uniform_int_distribution<std::int64_t>(a, b)(rng); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng); }

  // A random request that can always be met. `bounded`: floors, caps, fixed parts,
  // set-asides and districts may appear.
  AllocationRequest make(bool bounded) {
    static const std::int64_t steps[] = {1, 1, 1, 2, 5, 10, 100};
    AllocationRequest q;
    q.step = steps[uniform(0, 6)];
    q.total = q.step * (chance(0.05) ? uniform(0, 5) : uniform(0, 200000));
    int n = static_cast<int>(uniform(1, 25));
    int kind = static_cast<int>(uniform(0, 3));
    std::set<std::string> codes;
    while (static_cast<int>(codes.size()) < n) codes.insert(std::to_string(uniform(10000, 10000 + 4 * n)));
    for (const std::string& code : codes) {
      double w = kind == 0   ? static_cast<double>(uniform(0, 10))                     // many ties
                 : kind == 1 ? std::uniform_real_distribution<double>(0, 1000)(rng)
                 : kind == 2 ? std::pow(10.0, std::uniform_real_distribution<double>(-6, 6)(rng))
                             : (chance(0.3) ? 0.0 : std::uniform_real_distribution<double>(0, 1)(rng));
      q.recipients.push_back(rec(code, w));
    }
    if (std::none_of(q.recipients.begin(), q.recipients.end(), [](const Recipient& r) { return r.weight > 0; }))
      q.recipients[static_cast<std::size_t>(uniform(0, n - 1))].weight = 1.5;
    if (!bounded) return q;

    const std::int64_t units = q.total / q.step;  // the total in steps
    if (units >= 100 && chance(0.3)) q.set_asides.push_back(SetAside{"Dự phòng", std::nullopt, uniform(0, 20) / 100.0});
    if (units >= 100 && chance(0.3))
      q.set_asides.push_back(SetAside{"Thưởng", q.step * uniform(0, units / 10), std::nullopt});
    bool cap_all = chance(0.2);
    for (Recipient& r : q.recipients) {
      if (chance(0.3)) r.fixed = q.step * uniform(0, units / (4 * n));
      if (chance(0.4)) r.floor = q.step * uniform(0, units / (5 * n));
      if (cap_all || chance(0.4)) r.cap = std::max(r.floor.value_or(0), r.fixed.value_or(0)) + q.step * uniform(0, 2 * units / n);
      if (chance(0.3)) r.counterpart_ratio = uniform(0, 30) / 100.0;
      if (chance(0.2)) r.group = "Nhóm " + std::to_string(uniform(1, 3));
      if (chance(0.2)) r.coefficient = uniform(10, 30) / 10.0;
      r.district = "D" + std::to_string(uniform(1, 4));
    }
    // Caps must leave room for the whole pool (at most the total): widen one if needed.
    std::int64_t room = 0;
    Recipient* widen = nullptr;
    for (Recipient& r : q.recipients) {
      std::int64_t lo = std::max<std::int64_t>(0, r.floor.value_or(0) - r.fixed.value_or(0));
      if (r.weight == 0) room += lo;
      else if (!r.cap) room = std::numeric_limits<std::int64_t>::max() / 2;
      else { room += *r.cap - r.fixed.value_or(0); widen = &r; }
    }
    if (room < q.total && widen) *widen->cap += q.total - room;
    q.by_district = chance(0.5);
    return q;
  }
};

// Checks what must hold of any result: exact sum, steps, bounds, order, counterparts.
void check_result(const AllocationRequest& q, const AllocationResult& r) {
  REQUIRE(r.lines.size() == q.recipients.size());
  CHECK(sum(r) == q.total);
  std::int64_t fixed = 0;
  for (const AllocationLine& l : r.lines) {
    CHECK(l.amount % q.step == 0);
    CHECK(l.weighted % q.step == 0);
    CHECK(l.amount == l.fixed + l.weighted);
    CHECK((l.rounding_adjustment == 0 || l.rounding_adjustment == q.step));
    fixed += l.fixed;
  }
  CHECK(r.pool == q.total - r.set_aside_total - fixed);
  for (std::size_t i = 1; i < r.lines.size(); ++i) CHECK(r.lines[i - 1].code < r.lines[i].code);
  for (const Recipient& x : q.recipients) {
    const AllocationLine& l = line(r, x.code);
    if (x.floor) CHECK(l.amount >= *x.floor);
    if (x.cap) CHECK(l.amount <= *x.cap);
    if (x.counterpart_ratio)
      CHECK(std::fabs(static_cast<double>(*l.counterpart) - l.amount * *x.counterpart_ratio) <= 0.5 + 1e-9);
  }
}

// The weighted amounts are within one step of the reference's exact shares.
void check_against_reference(const std::vector<Recipient>& rs, const AllocationResult& r, std::int64_t pool,
                             std::int64_t step) {
  std::vector<Bound> bs;
  for (const Recipient& x : rs) {
    long double f = static_cast<long double>(x.fixed.value_or(0));
    long double lo = std::max<long double>(0, x.floor.value_or(0) - f);
    long double hi = x.cap ? *x.cap - f : std::numeric_limits<long double>::infinity();
    bs.push_back({x.weight, lo, hi});
  }
  std::vector<long double> s = reference(bs, pool);
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const AllocationLine& l = line(r, rs[i].code);
    long double tolerance = 1e-7L * std::max<long double>(1, pool);
    CHECK(std::fabs(l.weighted - s[i]) < step + tolerance);
    CHECK(std::fabs(l.share - s[i]) <= tolerance);
  }
}

}  // namespace

TEST_CASE("allocate: properties over random inputs without bounds") {
  Generator g;
  int runs = 0;
  for (int t = 0; t < 2500; ++t) {
    AllocationRequest q = g.make(false);
    AllocationResult r = ntm::allocate(q);
    check_result(q, r);
    check_against_reference(q.recipients, r, q.total, q.step);
    // A larger weight never gets less.
    for (const AllocationLine& a : r.lines)
      for (const AllocationLine& b : r.lines)
        if (a.weight > b.weight) CHECK(a.amount >= b.amount);
    // Input order does not matter.
    AllocationRequest shuffled = q;
    std::shuffle(shuffled.recipients.begin(), shuffled.recipients.end(), g.rng);
    CHECK(same(r, ntm::allocate(shuffled)));
    ++runs;
  }
  CHECK(runs == 2500);
}

TEST_CASE("allocate: properties over random inputs with set-asides, fixed parts, floors, caps, districts") {
  Generator g;
  g.rng.seed(77);
  int two_level = 0, held = 0;
  for (int t = 0; t < 2500; ++t) {
    AllocationRequest q = g.make(true);
    AllocationResult r;
    try {
      r = ntm::allocate(q);
    } catch (const AllocationError& e) {
      FAIL("run " << t << ": " << e.what());
    }
    check_result(q, r);
    for (const AllocationLine& l : r.lines) held += l.floor_applied || l.cap_applied;
    if (!q.by_district) {
      check_against_reference(q.recipients, r, r.pool, q.step);
    } else {
      ++two_level;
      // Districts against the reference, then each district's recipients against its amount.
      std::vector<Bound> ds;
      for (const ntm::DistrictTotal& d : r.districts) {
        Bound b{0, 0, 0};
        for (const Recipient& x : q.recipients) {
          if (x.district != d.district) continue;
          long double f = static_cast<long double>(x.fixed.value_or(0));
          long double lo = std::max<long double>(0, x.floor.value_or(0) - f);
          b.w += x.weight;
          b.lo += lo;
          b.hi += x.weight == 0 ? lo : x.cap ? *x.cap - f : std::numeric_limits<long double>::infinity();
        }
        ds.push_back(b);
      }
      std::vector<long double> s = reference(ds, r.pool);
      for (std::size_t i = 0; i < ds.size(); ++i) {
        const ntm::DistrictTotal& d = r.districts[i];
        CHECK(std::fabs(d.weighted - s[i]) < q.step + 1e-7L * std::max<std::int64_t>(1, r.pool));
        std::vector<Recipient> members;
        for (const Recipient& x : q.recipients)
          if (x.district == d.district) members.push_back(x);
        check_against_reference(members, r, d.weighted, q.step);
      }
    }
    AllocationRequest shuffled = q;
    std::shuffle(shuffled.recipients.begin(), shuffled.recipients.end(), g.rng);
    CHECK(same(r, ntm::allocate(shuffled)));
  }
  // The random inputs did exercise both modes and the bounds.
  CHECK(two_level > 1000);
  CHECK(held > 1000);
}
