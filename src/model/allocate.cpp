#include "model/allocate.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <map>

#include "model/text.h"

namespace ntm {

namespace {

__extension__ typedef __int128 Int128;            // sums of many int64 bounds cannot overflow
__extension__ typedef unsigned __int128 UInt128;  // limb products

// ---------------------------------------------------------------------------------------
// Exact unsigned integers of any length. Weights are doubles; each is m × 2^e exactly, so
// scaling every weight by 2^-(smallest e) turns them into integers, and pool × w_i against
// q × step × Σw compares shares with no rounding at all.

class BigUint {
 public:
  BigUint() = default;

  // m × 2^shift, shift >= 0.
  static BigUint shifted(std::uint64_t m, int shift) {
    BigUint r;
    if (m == 0) return r;
    r.limbs_.assign(static_cast<std::size_t>(shift / 64), 0);
    int bits = shift % 64;
    r.limbs_.push_back(m << bits);
    if (bits) r.limbs_.push_back(m >> (64 - bits));
    r.trim();
    return r;
  }

  bool zero() const { return limbs_.empty(); }

  BigUint& operator+=(const BigUint& o) {
    if (limbs_.size() < o.limbs_.size()) limbs_.resize(o.limbs_.size(), 0);
    UInt128 carry = 0;
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      carry += limbs_[i];
      if (i < o.limbs_.size()) carry += o.limbs_[i];
      limbs_[i] = static_cast<std::uint64_t>(carry);
      carry >>= 64;
    }
    if (carry) limbs_.push_back(static_cast<std::uint64_t>(carry));
    return *this;
  }

  // Requires *this >= o.
  BigUint& operator-=(const BigUint& o) {
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      std::uint64_t sub = i < o.limbs_.size() ? o.limbs_[i] : 0;
      std::uint64_t before = limbs_[i];
      limbs_[i] = before - sub - borrow;
      borrow = (before < sub || (before == sub && borrow)) ? 1 : 0;
    }
    trim();
    return *this;
  }

  BigUint times(std::uint64_t k) const {
    BigUint r;
    if (k == 0 || zero()) return r;
    UInt128 carry = 0;
    for (std::uint64_t limb : limbs_) {
      carry += static_cast<UInt128>(limb) * k;
      r.limbs_.push_back(static_cast<std::uint64_t>(carry));
      carry >>= 64;
    }
    if (carry) r.limbs_.push_back(static_cast<std::uint64_t>(carry));
    return r;
  }

  friend int compare(const BigUint& a, const BigUint& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (std::size_t i = a.limbs_.size(); i-- > 0;)
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    return 0;
  }

 private:
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<std::uint64_t> limbs_;  // little-endian
};

// ---------------------------------------------------------------------------------------
// The split of one amount among parties: recipients, or districts at the first level.

struct Party {
  std::string key;                 // code or district: orders ties
  BigUint weight;                  // exact, scaled
  long double weight_ld = 0;       // the same weight (unscaled), for displayed shares
  std::int64_t lo = 0;             // least weighted amount
  std::optional<std::int64_t> hi;  // most weighted amount; none: unlimited
};

enum class Hold { None, Floor, Cap };

struct Portion {
  std::int64_t amount = 0;        // a multiple of the step
  Hold hold = Hold::None;
  long double share = 0;          // exact share before rounding (the bound when held)
  long double proportional = 0;   // pool × w / Σw, ignoring bounds
  long double fraction = 0;       // w / Σw of the parties not held
  std::int64_t base = 0;          // what the parties not held share
  std::int64_t adjustment = 0;    // amount − share floored to the step
};

[[noreturn]] void internal_error(const char* what) {
  throw AllocationError(std::string("Lỗi nội bộ của bộ phân bổ: ") + what);
}

// Splits `pool` (a multiple of `step`) among `parties`, which are sorted by key and whose
// bounds are multiples of the step. Requires Σ lo <= pool <= Σ hi (a party without weight
// counts at lo, one without cap as unlimited). The amounts add up to `pool` exactly.
//
// Water-filling: the exact answer is s_i = clamp(λ w_i, lo_i, hi_i) with Σ s_i = pool. At
// λ = base / Σw of the free parties, the parties below their floor miss D in all and those
// above their cap exceed by S. If D > S the true λ is smaller, so those below stay below:
// hold them at their floor; if S > D hold those above at their cap; if equal, both. Repeat
// until no free party is out of bounds. Then round with the largest remainders.
std::vector<Portion> split(const std::vector<Party>& parties, std::int64_t pool, std::int64_t step) {
  const std::size_t n = parties.size();
  std::vector<Portion> out(n);
  long double all_weight = 0;
  for (const Party& p : parties) all_weight += p.weight_ld;
  for (std::size_t i = 0; i < n; ++i) {
    if (parties[i].weight.zero()) out[i].hold = Hold::Floor;
    out[i].proportional = all_weight > 0 ? pool * (parties[i].weight_ld / all_weight) : 0;
  }

  std::int64_t base = 0;
  BigUint free_weight;
  long double free_weight_ld = 0;
  for (;;) {
    Int128 held = 0;
    free_weight = BigUint();
    free_weight_ld = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (out[i].hold == Hold::Floor) held += parties[i].lo;
      else if (out[i].hold == Hold::Cap) held += *parties[i].hi;
      else { free_weight += parties[i].weight; free_weight_ld += parties[i].weight_ld; }
    }
    if (held > pool) internal_error("bounds exceed the pool");
    base = pool - static_cast<std::int64_t>(held);
    if (free_weight.zero()) break;
    BigUint deficit, surplus;
    std::vector<Hold> out_of_bounds(n, Hold::None);
    for (std::size_t i = 0; i < n; ++i) {
      if (out[i].hold != Hold::None) continue;
      BigUint a = parties[i].weight.times(static_cast<std::uint64_t>(base));
      BigUint lo = free_weight.times(static_cast<std::uint64_t>(parties[i].lo));
      if (compare(a, lo) < 0) {
        lo -= a;
        deficit += lo;
        out_of_bounds[i] = Hold::Floor;
      } else if (parties[i].hi) {
        BigUint hi = free_weight.times(static_cast<std::uint64_t>(*parties[i].hi));
        if (compare(a, hi) > 0) {
          a -= hi;
          surplus += a;
          out_of_bounds[i] = Hold::Cap;
        }
      }
    }
    if (deficit.zero() && surplus.zero()) break;
    int c = compare(deficit, surplus);
    for (std::size_t i = 0; i < n; ++i) {
      if ((out_of_bounds[i] == Hold::Floor && c >= 0) || (out_of_bounds[i] == Hold::Cap && c <= 0))
        out[i].hold = out_of_bounds[i];
    }
  }
  if (free_weight.zero() && base != 0) internal_error("nothing left to take the rest");

  // Floor each share to the step; remember the remainders (in units of 1 / free_weight).
  const BigUint unit = free_weight.times(static_cast<std::uint64_t>(step));
  const std::int64_t most = base / step;
  std::vector<BigUint> remainder(n);
  std::vector<std::size_t> order;
  Int128 given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Portion& p = out[i];
    p.base = base;
    if (p.hold != Hold::None) {
      p.amount = p.hold == Hold::Floor ? parties[i].lo : *parties[i].hi;
      p.share = static_cast<long double>(p.amount);
    } else {
      p.fraction = parties[i].weight_ld / free_weight_ld;
      p.share = base * p.fraction;
      BigUint a = parties[i].weight.times(static_cast<std::uint64_t>(base));
      // A close guess from long double, then made exact: q·unit <= a < (q+1)·unit.
      long double guess = std::floor(p.share / step);
      std::int64_t q = guess <= 0 ? 0 : guess >= most ? most : static_cast<std::int64_t>(guess);
      while (q > 0 && compare(unit.times(static_cast<std::uint64_t>(q)), a) > 0) --q;
      while (q < most && compare(unit.times(static_cast<std::uint64_t>(q + 1)), a) <= 0) ++q;
      a -= unit.times(static_cast<std::uint64_t>(q));
      remainder[i] = a;
      p.amount = q * step;
      if (!a.zero()) order.push_back(i);
    }
    given += p.amount;
  }
  Int128 steps = (pool - given) / step;
  if (steps < 0 || steps > static_cast<Int128>(order.size())) internal_error("rounding");
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    int c = compare(remainder[x], remainder[y]);
    return c != 0 ? c > 0 : parties[x].key < parties[y].key;
  });
  for (std::size_t k = 0; k < static_cast<std::size_t>(steps); ++k) {
    out[order[k]].amount += step;
    out[order[k]].adjustment = step;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Text.

std::string num(std::int64_t v) { return format_integer(v); }

std::string real(double v) {
  if (std::isnan(v)) return "NaN";
  NumberFormat f;
  f.decimals = 6;
  f.trim_zeros = true;
  return format_number(v, f);
}

// A share: two decimals, truncated so that it never reads above its floor to the step.
std::string share_text(long double v) {
  NumberFormat f;
  f.decimals = 2;
  f.rounding = Rounding::Truncate;
  f.trim_zeros = true;
  return format_number(static_cast<double>(v), f);
}

std::string percent_text(long double fraction) {
  double p = static_cast<double>(fraction * 100);
  NumberFormat f;
  f.decimals = (p >= 1 || p == 0) ? 2 : 4;
  return format_number(p, f) + "%";
}

[[noreturn]] void fail(const std::string& message) { throw AllocationError(message); }

// Checks an optional bound of recipient `code`: >= 0 and a multiple of the step.
void check_amount(const std::optional<std::int64_t>& v, const char* what, const std::string& code,
                  std::int64_t step) {
  if (!v) return;
  if (*v < 0) fail(std::string(what) + " của đơn vị " + code + " không được âm: " + num(*v));
  if (*v % step != 0)
    fail(std::string(what) + " của đơn vị " + code + " là " + num(*v) +
         ", không phải bội số của bước làm tròn " + num(step));
}

void validate(const AllocationRequest& req, const std::vector<const Recipient*>& sorted) {
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Recipient& r = *sorted[i];
    if (r.code.empty()) fail("Có đơn vị nhận phân bổ chưa có mã đơn vị");
    if (i + 1 < sorted.size() && sorted[i + 1]->code == r.code)
      fail("Mã đơn vị " + r.code + " bị trùng trong danh sách nhận phân bổ");
    if (!std::isfinite(r.weight) || r.weight < 0)
      fail("Trọng số của đơn vị " + r.code + " không hợp lệ: " + real(r.weight) +
           " (phải là số hữu hạn, không âm)");
    check_amount(r.fixed, "Phần cố định", r.code, req.step);
    check_amount(r.floor, "Mức tối thiểu", r.code, req.step);
    check_amount(r.cap, "Mức tối đa", r.code, req.step);
    if (r.floor && r.cap && *r.floor > *r.cap)
      fail("Đơn vị " + r.code + " có mức tối thiểu " + num(*r.floor) + " lớn hơn mức tối đa " +
           num(*r.cap));
    if (r.cap && *r.cap < r.fixed.value_or(0))
      fail("Đơn vị " + r.code + " có mức tối đa " + num(*r.cap) + " nhỏ hơn phần cố định " +
           num(*r.fixed));
    if (r.coefficient && !std::isfinite(*r.coefficient))
      fail("Hệ số của đơn vị " + r.code + " không hợp lệ: " + real(*r.coefficient));
    if (r.counterpart_ratio && (!std::isfinite(*r.counterpart_ratio) || *r.counterpart_ratio < 0 ||
                                *r.counterpart_ratio > 1000))
      fail("Tỷ lệ vốn đối ứng của đơn vị " + r.code + " không hợp lệ: " + real(*r.counterpart_ratio));
    if (req.by_district && r.district.empty())
      fail("Đơn vị " + r.code + " chưa có huyện, không thể phân bổ hai cấp theo huyện");
  }
}

std::vector<SetAsideLine> take_set_asides(const AllocationRequest& req) {
  std::vector<SetAsideLine> out;
  Int128 sum = 0;
  for (const SetAside& s : req.set_asides) {
    SetAsideLine line{s.name, s.share, 0};
    const std::string name = "'" + s.name + "'";
    if (s.amount.has_value() == s.share.has_value())
      fail("Khoản trích trước " + name + " phải có đúng một trong hai: số tiền hoặc tỷ lệ");
    if (s.amount) {
      if (*s.amount < 0) fail("Khoản trích trước " + name + " không được âm: " + num(*s.amount));
      if (*s.amount % req.step != 0)
        fail("Khoản trích trước " + name + " là " + num(*s.amount) +
             ", không phải bội số của bước làm tròn " + num(req.step));
      line.amount = *s.amount;
    } else {
      if (!std::isfinite(*s.share) || *s.share < 0 || *s.share > 1)
        fail("Tỷ lệ của khoản trích trước " + name + " không hợp lệ: " + real(*s.share) +
             " (phải từ 0 đến 1)");
      double steps = round_to(static_cast<double>(req.total) * *s.share / static_cast<double>(req.step), 0,
                              Rounding::HalfUp);
      line.amount = std::min(static_cast<std::int64_t>(steps) * req.step, req.total);
    }
    sum += line.amount;
    out.push_back(line);
  }
  if (sum > req.total) {
    std::int64_t shown = sum > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(sum);
    fail("Tổng các khoản trích trước (" + num(shown) + ") vượt quá tổng số tiền phân bổ (" +
         num(req.total) + ")");
  }
  return out;
}

// Fills line.explanation and line.details. `level` is the amount the weighted split of this
// recipient started from (the pool, or the district's amount in two-level mode).
void explain(AllocationLine& line, const Recipient& r, const Portion& p, std::int64_t step,
             std::int64_t level, bool two_level) {
  std::vector<std::string> parts;
  auto& d = line.details;
  std::string head = r.group;
  if (!r.group.empty()) d.push_back({"group", r.group});
  if (r.coefficient) {
    std::string c = "hệ số " + real(*r.coefficient);
    head = head.empty() ? c : head + " (" + c + ")";
    d.push_back({"coefficient", *r.coefficient});
  }
  if (!head.empty()) parts.push_back(head);
  if (!r.district.empty()) d.push_back({"district", r.district});
  if (two_level) {
    parts.push_back("huyện " + r.district + " được chia " + num(level));
    d.push_back({"district_amount", level});
  }
  if (line.fixed > 0) parts.push_back("phần cố định " + num(line.fixed));
  d.push_back({"fixed", line.fixed});
  d.push_back({"weight", line.weight});
  if (line.weight == 0) {
    parts.push_back("trọng số 0");
  } else if (p.hold == Hold::None) {
    parts.push_back("tỷ trọng " + percent_text(p.fraction) + " của " +
                    (p.base != level ? "phần còn lại " : "") + num(p.base) + " → " + share_text(p.share));
    d.push_back({"weight_fraction", static_cast<double>(p.fraction)});
  } else {
    long double fraction = level > 0 ? p.proportional / level : 0;
    parts.push_back("tỷ trọng " + percent_text(fraction) + " của " + num(level) + " → " +
                    share_text(p.proportional));
    d.push_back({"weight_fraction", static_cast<double>(fraction)});
  }
  d.push_back({"base", p.hold == Hold::None ? p.base : level});
  d.push_back({"proportional", line.proportional});
  d.push_back({"share", line.share});
  if (r.floor) d.push_back({"floor", *r.floor});
  if (line.floor_applied) parts.push_back("nâng lên mức tối thiểu " + num(*r.floor));
  d.push_back({"floor_applied", line.floor_applied});
  if (r.cap) d.push_back({"cap", *r.cap});
  if (line.cap_applied) parts.push_back("giảm xuống mức tối đa " + num(*r.cap));
  d.push_back({"cap_applied", line.cap_applied});
  if (p.hold == Hold::None && line.weight > 0) {
    std::string adj = (line.rounding_adjustment >= 0 ? "+" : "") + num(line.rounding_adjustment);
    parts.push_back("làm tròn theo bước " + num(step) + ": " + adj);
  }
  d.push_back({"step", step});
  d.push_back({"rounding_adjustment", line.rounding_adjustment});
  d.push_back({"weighted", line.weighted});
  parts.push_back("= " + num(line.amount));
  d.push_back({"amount", line.amount});
  if (line.counterpart) {
    parts.push_back("vốn đối ứng " + percent_text(*line.counterpart_ratio) + ": " + num(*line.counterpart));
    d.push_back({"counterpart_ratio", *line.counterpart_ratio});
    d.push_back({"counterpart", *line.counterpart});
  }
  std::string text;
  for (const std::string& s : parts) text += (text.empty() ? "" : "; ") + s;
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  line.explanation = text;
}

}  // namespace

AllocationResult allocate(const AllocationRequest& req) {
  if (req.total < 0) fail("Tổng số tiền phân bổ không được âm: " + num(req.total));
  if (req.step <= 0) fail("Bước làm tròn phải lớn hơn 0: " + num(req.step));
  if (req.total % req.step != 0)
    fail("Tổng số tiền phân bổ " + num(req.total) + " không chia hết cho bước làm tròn " + num(req.step));
  if (req.recipients.empty()) fail("Danh sách đơn vị nhận phân bổ đang trống");

  // Everything below works on recipients sorted by code, so input order cannot matter.
  std::vector<const Recipient*> rs;
  for (const Recipient& r : req.recipients) rs.push_back(&r);
  std::sort(rs.begin(), rs.end(), [](const Recipient* a, const Recipient* b) { return a->code < b->code; });
  validate(req, rs);

  AllocationResult result;
  result.total = req.total;
  result.step = req.step;
  result.set_asides = take_set_asides(req);
  for (const SetAsideLine& s : result.set_asides) result.set_aside_total += s.amount;
  const std::int64_t remaining = req.total - result.set_aside_total;
  Int128 fixed_sum = 0;
  for (const Recipient* r : rs) fixed_sum += r->fixed.value_or(0);
  if (fixed_sum > remaining)
    fail("Tổng phần cố định (" + num(fixed_sum > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(fixed_sum)) +
         ") vượt quá số tiền còn lại sau các khoản trích trước (" + num(remaining) + ")");
  result.fixed_total = static_cast<std::int64_t>(fixed_sum);
  const std::int64_t pool = remaining - result.fixed_total;
  result.pool = pool;

  // Parties: weights scaled to exact integers, bounds made relative to the fixed parts.
  int min_exp = INT32_MAX;
  for (const Recipient* r : rs) {
    if (r->weight == 0) continue;
    int e;
    std::frexp(r->weight, &e);
    min_exp = std::min(min_exp, e - 53);
  }
  if (min_exp == INT32_MAX && pool > 0)
    fail("Tất cả trọng số đều bằng 0 nên không chia được " + num(pool) + " theo trọng số");
  std::vector<Party> parties(rs.size());
  Int128 lo_sum = 0, hi_sum = 0;
  bool unlimited = false;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Recipient& r = *rs[i];
    Party& p = parties[i];
    p.key = r.code;
    p.weight_ld = r.weight;
    if (r.weight > 0) {
      int e;
      double f = std::frexp(r.weight, &e);
      p.weight = BigUint::shifted(static_cast<std::uint64_t>(std::ldexp(f, 53)), e - 53 - min_exp);
    }
    std::int64_t fixed = r.fixed.value_or(0);
    p.lo = r.floor ? std::max<std::int64_t>(0, *r.floor - fixed) : 0;
    if (r.cap) p.hi = *r.cap - fixed;
    lo_sum += p.lo;
    if (r.weight == 0) hi_sum += p.lo;
    else if (p.hi) hi_sum += *p.hi;
    else unlimited = true;
  }
  if (lo_sum > pool)
    fail("Tổng mức tối thiểu (ngoài phần cố định) là " +
         num(lo_sum > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(lo_sum)) +
         ", vượt quá số tiền chia theo trọng số " + num(pool));
  if (!unlimited && hi_sum < pool)
    fail("Tổng mức tối đa (ngoài phần cố định) của các đơn vị là " + num(static_cast<std::int64_t>(hi_sum)) +
         ", nhỏ hơn số tiền cần chia theo trọng số " + num(pool));

  // Split: at once, or first among districts and then inside each.
  std::vector<Portion> portions(rs.size());
  std::vector<std::int64_t> level(rs.size(), pool);
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < rs.size(); ++i)
    if (!rs[i]->district.empty()) members[rs[i]->district].push_back(i);
  std::map<std::string, long double> district_share;
  if (req.by_district) {
    std::vector<Party> districts;
    for (const auto& [name, list] : members) {
      Party d;
      d.key = name;
      Int128 lo = 0, hi = 0;
      bool capped = true;
      for (std::size_t i : list) {
        d.weight += parties[i].weight;
        d.weight_ld += parties[i].weight_ld;
        lo += parties[i].lo;
        if (parties[i].weight.zero()) hi += parties[i].lo;
        else if (parties[i].hi) hi += *parties[i].hi;
        else capped = false;
      }
      d.lo = static_cast<std::int64_t>(lo);  // <= lo_sum <= pool
      if (capped) d.hi = static_cast<std::int64_t>(std::min<Int128>(hi, pool));
      districts.push_back(std::move(d));
    }
    std::vector<Portion> top = split(districts, pool, req.step);
    std::size_t k = 0;
    for (const auto& [name, list] : members) {
      district_share[name] = top[k].share;
      std::vector<Party> inner;
      for (std::size_t i : list) inner.push_back(parties[i]);
      std::vector<Portion> got = split(inner, top[k].amount, req.step);
      for (std::size_t j = 0; j < list.size(); ++j) {
        portions[list[j]] = got[j];
        level[list[j]] = top[k].amount;
      }
      ++k;
    }
  } else {
    portions = split(parties, pool, req.step);
  }

  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Recipient& r = *rs[i];
    const Portion& p = portions[i];
    AllocationLine line;
    line.code = r.code;
    line.group = r.group;
    line.district = r.district;
    line.weight = r.weight;
    line.share = static_cast<double>(p.share);
    line.proportional = static_cast<double>(p.proportional);
    line.fixed = r.fixed.value_or(0);
    line.weighted = p.amount;
    line.amount = line.fixed + p.amount;
    line.floor_applied = p.hold == Hold::Floor && parties[i].lo > 0;
    line.cap_applied = p.hold == Hold::Cap;
    line.rounding_adjustment = p.adjustment;
    line.coefficient = r.coefficient;
    line.counterpart_ratio = r.counterpart_ratio;
    if (r.counterpart_ratio) {
      double c = round_to(static_cast<double>(line.amount) * *r.counterpart_ratio, 0, Rounding::HalfUp);
      if (c >= 9.0e18) fail("Vốn đối ứng của đơn vị " + r.code + " quá lớn: " + real(c));
      line.counterpart = static_cast<std::int64_t>(c);
      result.counterpart_total += *line.counterpart;
    }
    explain(line, r, p, req.step, level[i], req.by_district);
    result.lines.push_back(std::move(line));
  }

  for (const auto& [name, list] : members) {
    DistrictTotal t;
    t.district = name;
    long double weight = 0, share = 0;
    for (std::size_t i : list) {
      const AllocationLine& line = result.lines[i];
      weight += line.weight;
      share += line.share;
      t.fixed += line.fixed;
      t.weighted += line.weighted;
      t.amount += line.amount;
      t.counterpart += line.counterpart.value_or(0);
      ++t.recipients;
    }
    t.weight = static_cast<double>(weight);
    t.share = static_cast<double>(req.by_district ? district_share[name] : share);
    result.districts.push_back(t);
  }
  return result;
}

}  // namespace ntm
