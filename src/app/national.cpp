// The check of several provinces in one command (`ntm check --province all|LIST`): each
// province's review and rules, one after another or in threads, and the national block
// summed from them.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "app/check.h"
#include "app/run.h"
#include "lua/to_json.h"
#include "model/catalog.h"
#include "model/i18n.h"
#include "model/units.h"
#include "store/huge_pages.h"

namespace ntm::app {

namespace {

using Progress = std::function<void(std::size_t, std::size_t, const std::string&)>;
// Province i's review, and its JSON text when asked for (else empty).
using Take = std::function<void(std::size_t, CheckResult&, std::string&)>;

unsigned thread_count(unsigned asked, std::size_t provinces) {
  unsigned n = asked ? asked : std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  return static_cast<unsigned>(std::min<std::size_t>(n, provinces));
}

// With `json`: the review is also written there as JSON text (as a province of the national
// document), and its communes' results, written, are dropped from the tree: the text and the
// freeing are done by the thread that reviewed the province.
// A script's failure (or limit) names the province it was reviewing: of 63 provinces, the
// script line alone does not say which one's data it met. A mistake on the command line
// (ErrorKind::Usage) is the same for every province and is left as it is.
[[noreturn]] void rethrow_in_province(const lua::ScriptError& e, const CheckOptions& options, const std::string& code,
                                      Session& session) {
  if (e.kind == lua::ErrorKind::Usage) throw e;
  std::string name;
  try {
    auto year = options.args.find("year");
    int y = year == options.args.end() ? 0 : std::atoi(year->second.c_str());
    name = Catalog(session.database, session.cache).province(code, y ? year_end(y) : std::string())->unit().name;
  } catch (const std::exception&) {
    name.clear();   // the code alone
  }
  std::string where = name.empty() ? code : name + tr(", mã ", ", code ") + code;
  lua::ScriptError named(e.kind, e.what() + tr(" (khi rà soát tỉnh ", " (while reviewing province ") + where + ")", e.file,
                         e.line, e.traceback);
  named.parameter = e.parameter;
  throw named;
}

// nested_json(review, 2), with the communes' results already written (`results`) in place of
// the review's "results": the members before it are put in front of that text, which is not
// copied (a province's results are most of its text).
std::string province_json(const nlohmann::ordered_json& review, std::string results) {
  if (review.empty()) return "{}";
  std::string head = "{", tail;
  bool seen = false;
  for (auto it = review.begin(); it != review.end(); ++it) {
    std::string& out = seen ? tail : head;
    out += it == review.begin() ? "\n      " : ",\n      ";
    out += nlohmann::ordered_json(it.key()).dump();
    out += ": ";
    if (it.key() == "results" && !seen) seen = true;
    else out += nested_json(it.value(), 3);
  }
  tail += "\n    }";
  if (!seen) return head + tail;
  results.insert(0, head);
  return results += tail;
}

CheckResult review_one(const CheckOptions& options, const std::string& province, std::ostream& log, Session& session,
                       std::string* json) {
  CheckOptions o = options;
  o.args["province"] = province;
  CheckResult r;
  std::string results;
  try {
    r = run_check(o, log, &session, json ? &results : nullptr);
  } catch (const lua::ScriptError& e) {
    session.cache->drop_provinces();
    rethrow_in_province(e, options, province, session);
  } catch (...) {
    session.cache->drop_provinces();
    throw;
  }
  session.cache->drop_provinces();   // one province's units and values in memory at a time (per thread)
  if (json) {
    *json = province_json(r.review, std::move(results));
    r.review.erase("results");
  }
  return r;
}

// A province reviewed by a thread, waiting for its turn to be taken.
struct Slot {
  CheckResult result;
  std::string json;             // review_one's
  std::string log;              // what its scripts printed
  std::exception_ptr error;
  bool done = false;            // under the lock
};

// The provinces shared out to threads that take the next one not started; the results are
// taken here, in the list's order. Returns false when no thread could be started.
bool review_in_threads(const CheckOptions& options, const std::vector<std::string>& provinces, Session& session,
                       unsigned jobs, bool json, std::ostream& log, const Progress& progress, const Take& take) {
  load_rules(session);   // read once, for every thread
  std::vector<Slot> slots(provinces.size());
  std::mutex lock;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  // The first province that failed: those after it are not started, as one after another
  // they would not be. Those before it are still reviewed (their logs come first).
  std::atomic<std::size_t> failed{provinces.size()};
  std::atomic<bool> abandoned{false};   // this thread stopped taking results (its own failure)
  auto work = [&] {
    store::advise_huge_pages_for_thread_heap();
    // Each thread opens its own connection (checking the file's schema), side by side. A
    // failure to open is the failure of the first province the thread takes.
    std::unique_ptr<Session> mine;
    std::exception_ptr cannot_open;
    try {
      mine = session.sibling();
    } catch (...) {
      cannot_open = std::current_exception();
    }
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= provinces.size() || i > failed.load() || abandoned.load()) return;
      Slot& slot = slots[i];
      std::ostringstream out;
      try {
        if (cannot_open) std::rethrow_exception(cannot_open);
        slot.result = review_one(options, provinces[i], out, *mine, json ? &slot.json : nullptr);
      } catch (...) {
        slot.error = std::current_exception();
        for (std::size_t f = failed.load(); i < f && !failed.compare_exchange_weak(f, i);) {
        }
      }
      slot.log = std::move(out).str();
      {
        std::lock_guard<std::mutex> hold(lock);
        slot.done = true;
      }
      ready.notify_all();
    }
  };
  std::vector<std::jthread> threads;
  // Declared after the threads, so destroyed before them: however this function ends, the
  // threads start no other province, then are joined.
  struct Abandon {
    std::atomic<bool>& flag;
    ~Abandon() { flag = true; }
  } abandon{abandoned};
  for (unsigned t = 0; t < jobs; ++t) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;   // no more threads here: the ones started do the work
    }
  }
  if (threads.empty()) return false;
  // Enough provinces for every thread to read the map whole (Catalog::kWholeMapAfter): it
  // is read here, while the threads review their first provinces one by one, and not by one
  // of them while the others wait for it.
  auto year = options.args.find("year");
  if (year != options.args.end() && provinces.size() > jobs * static_cast<std::size_t>(Catalog::kWholeMapAfter)) {
    Catalog catalog(session.database, session.cache);
    std::map<std::string, std::string> given = options.args;
    given.insert(options.defaults.begin(), options.defaults.end());
    configure_catalog(catalog, given);
    session.cache->whole_map->get(session.database, catalog.map_date(std::atoi(year->second.c_str())));
  }
  for (std::size_t i = 0; i < provinces.size(); ++i) {
    if (progress) progress(i, provinces.size(), provinces[i]);
    {
      std::unique_lock<std::mutex> hold(lock);
      ready.wait(hold, [&] { return slots[i].done; });
    }
    Slot slot = std::move(slots[i]);
    log << slot.log;
    if (slot.error) std::rethrow_exception(slot.error);
    take(i, slot.result, slot.json);
  }
  return true;
}

// Each province's review (run_check) handed to `take` in the list's order: by threads when
// options.jobs allows more than one, else one after another on `session`.
void review_provinces(const CheckOptions& options, const std::vector<std::string>& provinces, Session& session,
                      bool json, std::ostream& log, const Progress& progress, const Take& take) {
  unsigned jobs = thread_count(options.jobs, provinces.size());
  if (jobs > 1 && review_in_threads(options, provinces, session, jobs, json, log, progress, take)) return;
  for (std::size_t i = 0; i < provinces.size(); ++i) {
    if (progress) progress(i, provinces.size(), provinces[i]);
    std::string text;
    CheckResult r = review_one(options, provinces[i], log, session, json ? &text : nullptr);
    take(i, r, text);
  }
}

}  // namespace

std::string nested_json(const nlohmann::ordered_json& value, int depth) {
  // What dump(2) writes from an indentation of `depth` levels, by the writer of the results'
  // text (lua::json_text), a third of the work of nlohmann's serializer.
  std::string out;
  lua::json_text(value, out, depth);
  return out;
}

void write_national_json(std::ostream& out, const nlohmann::ordered_json& national,
                         const std::vector<std::string>& province_json, const nlohmann::ordered_json& findings) {
  out << "{\n  \"national\": "
      << nested_json(national.contains("national") ? national["national"] : nlohmann::ordered_json::object(), 1)
      << ",\n  \"provinces\": ";
  if (province_json.empty()) {
    out << "[]";
  } else {
    out << "[\n";
    for (std::size_t i = 0; i < province_json.size(); ++i)
      out << "    " << province_json[i] << (i + 1 < province_json.size() ? ",\n" : "\n");
    out << "  ]";
  }
  out << ",\n  \"findings\": " << nested_json(findings, 1) << "\n}";
}

std::string national_json(const nlohmann::ordered_json& national, const std::vector<std::string>& province_json,
                          const nlohmann::ordered_json& findings) {
  std::ostringstream out;
  write_national_json(out, national, province_json, findings);
  return std::move(out).str();
}

nlohmann::ordered_json run_national(const CheckOptions& options, const std::vector<std::string>& provinces, std::ostream& log,
                                    CheckResult& all,
                                    const std::function<void(std::size_t, std::size_t, const std::string&)>& progress,
                                    Session* shared, std::vector<std::string>* province_json) {
  using json = nlohmann::ordered_json;
  json list = json::array();
  json national;
  long communes = 0, with_data = 0, standard = 0, no_data = 0, unconfirmed = 0;
  double total = 0;
  json bands, band_order, criteria;
  bool same = true;
  int criteria_count = -1;
  std::set<std::string> sets;
  std::optional<Session> own;
  Session& session = shared ? *shared : own.emplace(options.db);
  if (province_json) province_json->clear();
  review_provinces(options, provinces, session, province_json != nullptr, log, progress,
                   [&](std::size_t i, CheckResult& r, std::string& text) {
    if (province_json) province_json->push_back(std::move(text));
    const json& v = r.review;
    communes += v.value("communes", 0);
    with_data += v.value("with_data", 0);
    standard += v.value("standard", 0);
    no_data += v.contains("no_data") ? static_cast<long>(v["no_data"].size()) : 0;
    unconfirmed += v.contains("unconfirmed_thresholds") ? static_cast<long>(v["unconfirmed_thresholds"].size()) : 0;
    total += v.value("average", 0.0) * v.value("with_data", 0);
    sets.insert(v.value("criteria_set", ""));
    int n = v.value("criteria_count", 0);
    if (criteria_count < 0) {
      criteria_count = n;
      band_order = v.contains("band_order") ? v["band_order"] : json::array();
      bands = json::object();
      for (const auto& k : band_order) bands[k.get<std::string>()] = 0;
      criteria = json::object();
    }
    if (n != criteria_count) same = false;
    if (same) {
      const json none = json::object();
      const json& b = v.contains("bands") ? v["bands"] : none;
      const json& c = v.contains("criteria") ? v["criteria"] : none;
      for (const auto& [k, x] : b.items()) bands[k] = bands.value(k, 0) + x.get<int>();
      for (const auto& [k, x] : c.items()) criteria[k] = criteria.value(k, 0) + x.get<int>();
    }
    all.findings.insert(all.findings.end(), std::make_move_iterator(r.findings.begin()),
                        std::make_move_iterator(r.findings.end()));
    all.scripts_run.insert(r.scripts_run.begin(), r.scripts_run.end());
    if (i == 0) all.disabled_rules = r.disabled_rules;   // the same rules for every province
    list.push_back(std::move(r.review));
  });
  national["provinces"] = provinces.size();
  national["year"] = std::stoi(options.args.at("year"));
  std::string set_list;
  for (const auto& s : sets) set_list += (set_list.empty() ? "" : ", ") + s;
  national["criteria_sets"] = set_list;
  national["communes"] = communes;
  national["with_data"] = with_data;
  national["no_data"] = no_data;
  national["standard"] = standard;
  national["average"] = with_data > 0 ? total / static_cast<double>(with_data) : 0.0;
  national["unconfirmed_thresholds"] = unconfirmed;
  national["same_criteria"] = same;
  if (same) {
    national["criteria_count"] = criteria_count;
    national["band_order"] = band_order;
    national["band_names"] = !list.empty() && list[0].contains("band_names") ? list[0]["band_names"] : json::object();
    national["bands"] = bands;
    national["criteria"] = criteria;
  }
  json out = json::object();
  // Room for the findings the command adds: growing an object copies its members.
  out.get_ref<json::object_t&>().reserve(3);
  out["national"] = std::move(national);
  out["provinces"] = std::move(list);   // 8,000 communes' results: moved, not copied
  return out;
}

}  // namespace ntm::app
