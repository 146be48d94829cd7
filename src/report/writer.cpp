// write(): picks the writer by extension and commits files atomically
// (temporary file in the target folder, then rename).
#include "report/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

namespace ntm::report {

namespace fs = std::filesystem;

namespace {

// A short Vietnamese reason for an errno value.
std::string reason(int err) {
  switch (err) {
    case ENOENT: return "thư mục không tồn tại";
    case EACCES:
    case EPERM: return "không có quyền ghi";
    case EROFS: return "ổ đĩa chỉ cho phép đọc";
    case ENOSPC: return "hết chỗ trên đĩa";
    case EISDIR: return "đường dẫn là một thư mục";
    case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
    default: return std::strerror(err);
  }
}

[[noreturn]] void fail(const fs::path& path, int err) {
  throw WriteError("Không ghi được tệp '" + path.string() + "': " + reason(err));
}

// The process umask, read without changing it (umask(2) can only read by setting, which
// would race with other threads creating files); 022 when /proc is not available.
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Umask:", 0) == 0) return static_cast<mode_t>(std::strtol(line.c_str() + 6, nullptr, 8));
  return 022;
}

// A temporary file beside `target`: created empty (O_EXCL) and closed. Throws WriteError
// naming `target` when the folder cannot be written.
class TempFile {
 public:
  explicit TempFile(const fs::path& target) : target_(target) {
    fs::path dir = target.parent_path();
    std::string pattern = (dir.empty() ? fs::path(".") : dir) / ("." + target.filename().string() + ".tmp-XXXXXX");
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    int fd = ::mkstemp(buf.data());
    if (fd < 0) fail(target, errno);
    ::close(fd);
    path_ = buf.data();
  }
  ~TempFile() {
    if (!committed_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const fs::path& path() const { return path_; }

  // Replaces the temporary file's content with `bytes` and flushes it to disk.
  void fill(const std::string& bytes) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) fail(target_, errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        fail(target_, err);
      }
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) fail(target_, errno);
  }

  // Files created by mkstemp are 0600; give the result the usual 0666 & ~umask.
  void set_default_mode() { ::chmod(path_.c_str(), 0666 & ~current_umask()); }

  void commit() {
    set_default_mode();
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail(target_, errno);
    committed_ = true;
  }

 private:
  fs::path target_;
  fs::path path_;
  bool committed_ = false;
};

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// Files waiting to be put in place. commit() renames them all; if one rename fails, the
// ones already renamed are undone: a file that existed is restored from the hard link kept
// beside it, a new one is removed. The destructor removes whatever was not committed.
class Pending {
 public:
  TempFile& add(const fs::path& target) {
    temps_.push_back(std::make_unique<TempFile>(target));
    targets_.push_back(target);
    return *temps_.back();
  }
  std::size_t size() const { return temps_.size(); }

  void commit() {
    // Keep the files that will be replaced, as hard links beside them.
    std::vector<fs::path> backups(targets_.size());
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      struct stat st;
      if (::stat(targets_[i].c_str(), &st) != 0) continue;
      fs::path b = targets_[i];
      b.replace_filename("." + targets_[i].filename().string() + ".old-" + std::to_string(::getpid()));
      ::unlink(b.c_str());
      if (::link(targets_[i].c_str(), b.c_str()) != 0) fail(targets_[i], errno);
      backups[i] = b;
    }
    std::size_t done = 0;
    try {
      for (; done < temps_.size(); ++done) temps_[done]->commit();
    } catch (...) {
      for (std::size_t i = 0; i < done; ++i) {
        if (!backups[i].empty()) ::rename(backups[i].c_str(), targets_[i].c_str());
        else ::unlink(targets_[i].c_str());
      }
      for (std::size_t i = done; i < backups.size(); ++i)
        if (!backups[i].empty()) ::unlink(backups[i].c_str());
      throw;
    }
    for (const auto& b : backups)
      if (!b.empty()) ::unlink(b.c_str());
  }

 private:
  std::vector<std::unique_ptr<TempFile>> temps_;
  std::vector<fs::path> targets_;
};

std::size_t table_count(const Document& doc) {
  return static_cast<std::size_t>(
      std::count_if(doc.blocks.begin(), doc.blocks.end(), [](const Block& b) { return std::holds_alternative<Table>(b); }));
}

std::size_t sheet_count(const Document& doc) {
  return static_cast<std::size_t>(std::count_if(doc.blocks.begin(), doc.blocks.end(), [](const Block& b) {
    return std::holds_alternative<Table>(b) || std::holds_alternative<Chart>(b);
  }));
}

}  // namespace

std::vector<fs::path> csv_paths(const Document& doc, const fs::path& path) {
  std::vector<fs::path> out;
  std::size_t n = table_count(doc);
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0) {
      out.push_back(path);
    } else {
      fs::path p = path;
      p.replace_filename(path.stem().string() + "-" + std::to_string(i + 1) + path.extension().string());
      out.push_back(p);
    }
  }
  return out;
}

long long creation_time(const Document& doc) {
  int y = 0, m = 0, d = 0;
  if (!parse_date(doc.header.date, y, m, d)) { y = 2000; m = 1; d = 1; }
  // Days from civil (Howard Hinnant's algorithm), UTC midnight.
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + doe - 719468) * 86400;
}

namespace {

// Writes `doc` as `path` into temporary files of `pending` (not yet in place).
void prepare(const Document& doc, const fs::path& path, Pending& pending) {
  std::string ext = lower_extension(path);
  bool known = ext == ".docx" || ext == ".xlsx" || ext == ".html" || ext == ".htm" || ext == ".md" || ext == ".csv";
  if (!known) {
    std::string shown = ext.empty() ? "(không có phần mở rộng)" : "'" + path.extension().string() + "'";
    throw WriteError("Không hỗ trợ định dạng " + shown + " (chỉ .docx, .xlsx, .html, .md, .csv)");
  }
  if (ext == ".xlsx") {
    if (sheet_count(doc) > kMaxSheets)
      throw WriteError("Báo cáo có " + std::to_string(sheet_count(doc)) + " bảng và biểu đồ, quá giới hạn " +
                       std::to_string(kMaxSheets) + " trang tính của một tệp .xlsx");
    write_xlsx(doc, pending.add(path).path(), path);
    return;
  }
  if (ext == ".csv") {
    std::size_t tables = table_count(doc);
    if (tables == 0) throw WriteError("Báo cáo không có bảng nào để ghi ra CSV '" + path.string() + "'");
    if (pending.size() + tables > kMaxFiles)
      throw WriteError("Báo cáo ghi ra " + std::to_string(pending.size() + tables) + " tệp (CSV ghi một tệp mỗi bảng), quá giới hạn " +
                       std::to_string(kMaxFiles) + " tệp");
    auto texts = to_csv(doc);
    auto paths = csv_paths(doc, path);
    for (std::size_t i = 0; i < paths.size(); ++i) pending.add(paths[i]).fill(texts[i]);
    return;
  }
  std::string bytes;
  if (ext == ".docx") bytes = to_docx(doc);
  else if (ext == ".md") bytes = to_markdown(doc);
  else bytes = to_html(doc);
  pending.add(path).fill(bytes);
}

}  // namespace

void write(const Document& doc, const fs::path& path) { write_all(doc, {path}); }

void write_bytes(const std::string& bytes, const fs::path& path) {
  Pending pending;
  pending.add(path).fill(bytes);
  pending.commit();
}

void write_all(const Document& doc, const std::vector<fs::path>& paths, const std::map<fs::path, std::string>& ready) {
  validate(doc);
  if (paths.size() > kMaxFiles) throw WriteError("Quá " + std::to_string(kMaxFiles) + " tệp kết quả");
  Pending pending;
  // The .docx files last: their maps' pictures may still be being drawn on another thread
  // (start_map_png), while this one writes the others.
  for (bool word : {false, true})
    for (const auto& path : paths) {
      if (word != (lower_extension(path) == ".docx")) continue;
      if (auto it = ready.find(path); it != ready.end()) pending.add(path).fill(it->second);
      else prepare(doc, path, pending);
    }
  pending.commit();
}

}  // namespace ntm::report
