// Reading .docx/.xlsx packages (zip archives) with libzip: for an office's own Word
// template and its prose written in Word.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace ntm::report {

// Every entry (name, uncompressed bytes) in archive order. Throws WriteError naming the
// file when it is not a readable zip archive. Entries over 64 MiB, or more than 10 000 of
// them, are refused (a zip bomb must not exhaust memory).
std::vector<std::pair<std::string, std::string>> read_zip(const std::filesystem::path& path);

// One entry's bytes; throws WriteError when the archive or the entry is missing.
std::string read_zip_entry(const std::filesystem::path& path, const std::string& name);

// &lt; &gt; &amp; &quot; &apos; and numeric references back to text.
std::string xml_unescape(const std::string& text);

}  // namespace ntm::report
