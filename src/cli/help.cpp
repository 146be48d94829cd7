#include "cli/help.h"

#include <algorithm>
#include <filesystem>
#include <cerrno>
#include <map>
#include <sstream>
#include <stdexcept>

#include "model/i18n.h"
#include "model/text.h"
#include "model/units.h"

namespace ntm::cli {

namespace {

constexpr int kWidth = 100;        // wrap descriptions at this many columns
constexpr int kNameColumn = 28;    // descriptions start here when the names fit

std::map<const CLI::Option*, std::string>& required_options() {
  static std::map<const CLI::Option*, std::string> marked;   // option → ntm.toml key ("" none)
  return marked;
}

bool takes_value(const CLI::Option* o) { return o->get_items_expected_max() != 0; }

std::string placeholder(const CLI::Option* o) {
  if (!o->get_option_text().empty()) return o->get_option_text();
  return tr("GIÁ_TRỊ", "VALUE");
}

// "-o, --output TỆP" or "--write"; an argument shows its placeholder only.
std::string option_names(const CLI::Option* o) {
  if (o->nonpositional()) {
    std::string names;
    for (const auto& s : o->get_snames()) names += (names.empty() ? "-" : ", -") + s;
    for (const auto& l : o->get_lnames()) names += (names.empty() ? "--" : ", --") + l;
    if (takes_value(o)) names += " " + placeholder(o);
    return names;
  }
  return placeholder(o);
}

std::string required_note(const CLI::Option* o) {
  auto it = required_options().find(o);
  if (it == required_options().end()) return {};
  if (it->second.empty()) return tr(" (bắt buộc)", " (required)");
  return tr(" (bắt buộc, trừ khi ntm.toml có ", " (required unless ntm.toml has ") + it->second +
         tr("; xem ntm config)", "; see ntm config)");
}

// Words of `text` wrapped to `width` display columns; lines after the first start with `indent`.
std::string wrap(const std::string& text, int first_column, int indent) {
  std::istringstream words(text);
  std::string word, out;
  int column = first_column;
  bool line_start = true;
  while (words >> word) {
    int w = display_width(word);
    if (!line_start && column + 1 + w > kWidth) {
      out += "\n" + std::string(static_cast<std::size_t>(indent), ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
    line_start = false;
  }
  return out;
}

// "  NAMES      description", the description starting at `at` and wrapped under itself.
std::string entry(const std::string& names, const std::string& description, int at = kNameColumn) {
  std::string line = "  " + names;
  int column = 2 + display_width(names);
  if (column + 2 > at) line += "\n" + std::string(static_cast<std::size_t>(at), ' ');
  else line += std::string(static_cast<std::size_t>(at - column), ' ');
  return line + wrap(description, at, at) + "\n";
}

std::string group_title(const std::string& group) {
  if (group == "Options" || group.empty()) return tr("Tùy chọn", "Options");
  return group;
}

}  // namespace

void mark_required(CLI::Option* option, const std::string& config_key) { required_options()[option] = config_key; }

std::string HelpFormatter::make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const {
  std::ostringstream out;
  bool top = app->get_parent() == nullptr;
  if (!app->get_description().empty()) out << wrap(name + " — " + app->get_description(), 0, 2) << "\n\n";

  auto positionals = app->get_options([](const CLI::Option* o) { return o->get_positional() && !o->nonpositional(); });
  auto options = app->get_options([](const CLI::Option* o) { return o->nonpositional() && !o->get_group().empty(); });
  auto commands = app->get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); });

  // The usage line: arguments, then the options the command needs.
  std::string usage = name;
  if (top) {
    usage += tr(" [tùy chọn chung] LỆNH [đối số] [tùy chọn]", " [global options] COMMAND [arguments] [options]");
  } else {
    for (const auto* p : positionals) {
      bool needed = required_options().count(p) != 0;
      usage += " " + std::string(needed ? "" : "[") + placeholder(p) + (needed ? "" : "]");
    }
    for (const auto* o : options)
      if (required_options().count(o)) usage += " " + option_names(o);
    if (!options.empty()) usage += tr(" [tùy chọn]", " [options]");
    if (!commands.empty()) usage += tr(" LỆNH", " COMMAND");
  }
  out << tr("Cách dùng: ", "Usage: ") << usage << "\n";

  if (!positionals.empty()) {
    out << "\n" << tr("Đối số:", "Arguments:") << "\n";
    for (const auto* p : positionals) out << entry(option_names(p), p->get_description() + required_note(p));
  }
  if (!commands.empty()) {
    out << "\n" << tr("Lệnh:", "Commands:") << "\n";
    for (const auto* c : commands) out << entry(c->get_name(), c->get_description(), 14);
  }
  // Options by group, in the order the groups first appear; help at the end.
  std::vector<std::string> groups;
  for (const auto* o : options)
    if (std::find(groups.begin(), groups.end(), o->get_group()) == groups.end()) groups.push_back(o->get_group());
  const CLI::Option* help = app->get_help_ptr();
  for (const auto& g : groups) {
    out << "\n" << group_title(g) << (top ? tr(" chung:", " (global):") : ":") << "\n";
    for (const auto* o : options)
      if (o->get_group() == g && o != help) out << entry(option_names(o), o->get_description() + required_note(o));
    if (g == groups.back() && help) out << entry(option_names(help), help->get_description());
  }
  std::string footer = app->get_footer();
  while (!footer.empty() && (footer.front() == '\n')) footer.erase(0, 1);
  if (!footer.empty()) out << "\n" << footer << (footer.back() == '\n' ? "" : "\n");
  return out.str();
}

CLI::Validator integer_between(long long low, long long high, const std::string& what) {
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        char* end = nullptr;
        errno = 0;
        long long v = std::strtoll(value.c_str(), &end, 10);
        bool number = !value.empty() && *end == '\0' && errno == 0;
        if (number && v >= low && v <= high) return {};
        return tr("cần ", "expected ") + what + tr(" từ ", " from ") + std::to_string(low) + tr(" đến ", " to ") +
               std::to_string(high) + tr(", nhận '", ", got '") + value + "'";
      },
      "");
}

CLI::Validator number_between(double low, double high, const std::string& what) {
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        std::string t = value;
        std::replace(t.begin(), t.end(), ',', '.');   // 0,5 as a Vietnamese writes it
        char* end = nullptr;
        double v = std::strtod(t.c_str(), &end);
        if (!t.empty() && *end == '\0' && v >= low && v <= high) {
          value = t;
          return {};
        }
        NumberFormat f;
        f.decimals = 3;
        f.trim_zeros = true;
        return tr("cần ", "expected ") + what + tr(" từ ", " from ") + format_number(low, f) + tr(" đến ", " to ") +
               format_number(high, f) + tr(", nhận '", ", got '") + value + "'";
      },
      "");
}

CLI::Validator one_of(const std::vector<std::string>& choices, const std::string& noun) {
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        if (std::find(choices.begin(), choices.end(), value) != choices.end()) return {};
        std::string list;
        for (const auto& c : choices) {
          bool word = std::any_of(c.begin(), c.end(), [](unsigned char ch) { return std::isalnum(ch); });
          list += (list.empty() ? "" : ", ") + (word ? c : "'" + c + "'");   // ',' and ';' quoted
        }
        return tr("không có ", "no ") + (noun.empty() ? "" : noun + " ") + "'" + value + tr("'; chọn một trong: ", "'; choose one of: ") + list;
      },
      "");
}

CLI::Validator existing_file() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::error_code ec;
        if (std::filesystem::is_regular_file(value, ec)) return {};
        if (std::filesystem::is_directory(value, ec)) return "'" + value + tr("' là một thư mục, cần một tệp", "' is a folder, not a file");
        return tr("không có tệp '", "no such file: '") + value + "'";
      },
      "");
}

std::string parse_error_message(const CLI::ParseError& error) {
  std::string what = error.what();
  if (dynamic_cast<const CLI::ValidationError*>(&error)) {
    // Our validators' own words, after "--flag: "; an argument's internal name is dropped.
    if (!what.empty() && what[0] != '-') what = what.substr(std::min(what.size(), what.find(": ") + 2));
    return what;
  }
  // The option the library complains about: the first word that starts with '-'.
  std::string option;
  std::istringstream words(what);
  for (std::string w; words >> w;) {
    if (w.size() > 1 && w[0] == '-') {
      while (!w.empty() && (w.back() == ':' || w.back() == ',')) w.pop_back();
      option = w;
      break;
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error))
    return option.empty() ? tr("thiếu giá trị sau một tùy chọn", "an option is missing its value")
                          : tr("thiếu giá trị sau ", "missing value after ") + option;
  if (dynamic_cast<const CLI::ConversionError*>(&error))
    return option.empty() ? tr("giá trị không hợp lệ", "invalid value")
                          : option + tr(": tùy chọn này không nhận giá trị (viết ", ": this option takes no value (write ") + option +
                                tr(" là đủ)", " alone)");
  return tr("dòng lệnh không hợp lệ", "invalid command line") + (option.empty() ? "" : " (" + option + ")");
}

namespace {

// Names at the smallest edit distance from `word`, when that distance is small for its length
// (leading dashes not counted: "-q" is not a misspelt "--db").
std::vector<std::string> nearest(const std::string& word, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  int best = 1 << 30;
  for (const auto& n : names) best = std::min(best, edit_distance(word, n));
  int letters = static_cast<int>(word.size() - std::min(word.size(), word.find_first_not_of('-')));
  if (best > std::max(1, letters / 3)) return out;
  for (const auto& n : names)
    if (edit_distance(word, n) == best) out.push_back(n);
  return out;
}

}  // namespace

std::vector<std::string> close_flags(const CLI::App* cmd, const std::string& word) {
  std::vector<std::string> names;
  for (const auto* o : cmd->get_options([](const CLI::Option* o) { return o->nonpositional() && !o->get_group().empty(); }))
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
  return nearest(word, names);
}

std::string unknown_argument_message(const CLI::App* cmd, const std::string& word) {
  bool top = cmd->get_parent() == nullptr;
  if (word.size() > 1 && word[0] == '-') {
    std::string flag = word.substr(0, word.find('='));
    std::string where = top ? std::string("ntm") : "ntm " + cmd->get_name();
    std::string message = tr("không có tùy chọn ", "no option ") + flag + tr(" cho ", " for ") + where;
    auto close = close_flags(cmd, flag);
    if (!close.empty()) message += did_you_mean(close);
    return message + tr(" (xem: ", " (see: ") + where + " --help)";
  }
  if (top) {
    std::vector<std::string> names;
    for (const auto* c : cmd->get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); }))
      names.push_back(c->get_name());
    std::string message = tr("không có lệnh '", "no command '") + word + "'";
    auto close = nearest(word, names);
    if (!close.empty()) message += did_you_mean(close);
    return message + tr(" (các lệnh: ntm --help)", " (commands: ntm --help)");
  }
  return tr("thừa đối số '", "unexpected argument '") + word + tr("' (xem: ntm ", "' (see: ntm ") + cmd->get_name() + " --help)";
}

void reject_extras(const CLI::App* cmd) {
  auto extras = cmd->remaining();
  if (!extras.empty()) throw std::invalid_argument(unknown_argument_message(cmd, extras.front()));
}

}  // namespace ntm::cli
