// Writing a command's output to a file: to a temporary file beside it, renamed into place
// only when complete, so a failure never leaves a partial file.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace ntm::cli {

// `bom` adds the UTF-8 byte order mark (CSV, so Excel reads Vietnamese correctly).
// Throws std::invalid_argument naming the path when it cannot be written.
void write_output_file(const std::string& path, const std::string& text, bool bom = false);
// The same for output that `write` writes to the stream in pieces.
void write_output_file(const std::string& path, const std::function<void(std::ostream&)>& write, bool bom = false);

}  // namespace ntm::cli
