// The command line in the user's language: our own help formatter for CLI11 (Vietnamese, or
// English with --lang en; no "Usage", "TEXT x 2" or "{,,;}" from the library), validators
// whose messages we write, and the translation of CLI11's parse errors into one sentence.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace ntm::cli {

// Renders `ntm --help` and every `ntm X --help`: description, a usage line, the arguments,
// the options by group, then the command's footer. Only our own texts are printed: option
// names, the option_text() placeholder (TỆP, NĂM ...) and the description.
class HelpFormatter : public CLI::FormatterBase {
 public:
  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;
};

// Marks an option or argument as needed by its command. The check happens when the command
// runs (a value may also come from the project file ntm.toml), so CLI11's required() is not
// used; help shows "bắt buộc" and the usage line lists it. `config_key` names the ntm.toml key
// that can stand in for the flag ("" when none).
void mark_required(CLI::Option* option, const std::string& config_key = {});

// Validators with messages in the user's language. A value that fails names itself and what
// is allowed: "--year: cần năm từ 1990 đến 2100, nhận '21'".
CLI::Validator integer_between(long long low, long long high, const std::string& what);
CLI::Validator number_between(double low, double high, const std::string& what);
// `noun` names what is chosen ("loại số liệu"), for arguments, whose names CLI11 would print.
CLI::Validator one_of(const std::vector<std::string>& choices, const std::string& noun = {});

// An existing file (not a folder): "không có tệp 'x.toml'".
CLI::Validator existing_file();

// One sentence for a CLI11 parse error (an option without its value, a value given to a
// flag, ...). Our validators' messages pass through unchanged.
std::string parse_error_message(const CLI::ParseError& error);

// Throws std::invalid_argument (exit 2) when the command line has words `cmd` did not
// take: "không hiểu '--fromat'; có phải: --format?".
void reject_extras(const CLI::App* cmd);

// The command's --options closest to `word` (a misspelt flag), or none when nothing is close.
std::vector<std::string> close_flags(const CLI::App* cmd, const std::string& word);

// The words a command did not take, as an error naming the closest option or command.
std::string unknown_argument_message(const CLI::App* cmd, const std::string& word);

}  // namespace ntm::cli
