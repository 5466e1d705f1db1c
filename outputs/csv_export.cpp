#include "outputs/csv_export.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "outputs/hdf5.hpp"
#include "outputs/isolated.hpp"
#include "outputs/result_file.hpp"
#include "outputs/table_reader.hpp"
#include "sim/stop.hpp"

namespace outputs {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void system_error(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

// Removes a partial directory unless the export completed.
class PartialDir {
 public:
  explicit PartialDir(std::string path) : path_(std::move(path)) {}
  ~PartialDir() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  PartialDir(const PartialDir&) = delete;
  PartialDir& operator=(const PartialDir&) = delete;
  const std::string& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::string path_;
};

void fsync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) system_error("opening " + path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) system_error("syncing " + path);
}

// Writes `text` to a new file, checking every step (a full disk shows up here).
void write_file(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wx");
  if (!f) system_error("creating " + path);
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() &&
                  std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const int saved = errno;
  if (std::fclose(f) != 0 || !ok) {
    errno = ok ? errno : saved;
    system_error("writing " + path);
  }
}

std::string csv_text(const DecodedTable& t) {
  std::string s;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const DecodedColumn& c = t.columns[i];
    s += (i ? "," : "") + csv_field(c.unit.empty() ? c.name : c.name + " [" + c.unit + "]");
  }
  s += "\n";
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (r % 4096 == 0) sim::poll_stop();  // a big table stops within a few milliseconds
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      s += (i ? "," : "") + csv_field(t.columns[i].cell(r));
    s += "\n";
  }
  return s;
}

void check_target(const std::string& dir, bool force) {
  if (dir.empty()) throw OutputRefused("--csv: the directory name is empty");
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(dir, ec);
  if (!fs::exists(st)) return;
  if (!fs::is_directory(st))
    throw OutputRefused(dir + " exists and is not a directory; name a new directory");
  if (!force) throw OutputRefused(dir + " exists; use --force to replace an earlier export");
  if (!fs::exists(fs::path(dir) / kExportMarker))
    throw OutputRefused(dir + " exists and is not an earlier bordersim export (no " +
                        kExportMarker + "); name a new directory");
}

}  // namespace

std::string csv_field(const std::string& s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

CsvExport export_csv(const std::string& h5_path, const std::string& dir, bool force) {
  check_target(dir, force);
  const fs::path target = fs::absolute(fs::path(dir).lexically_normal());
  fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw std::runtime_error("creating " + parent.string() + ": " + ec.message());
  std::string tmpl = target.string() + ".partial-XXXXXX";
  if (!::mkdtemp(tmpl.data())) system_error("creating a directory beside " + dir);
  PartialDir partial(tmpl);

  // The file is verified and read in a child process, which writes the CSV files into the
  // partial directory and answers with their names: a damaged file is refused, never exported
  // from defaults, and one that crashes the HDF5 library costs a message (outputs/isolated.hpp);
  // the partial directory goes either way.
  CsvExport out{dir, {}};
  const std::string written = run_isolated(h5_path, [&] {
    std::string names;
    try {
      h5::Handle file = h5::open_file(h5_path);
      for (const std::string& t : result_tables(file)) {
        sim::poll_stop();
        const fs::path rel = fs::path(t + ".csv");
        const fs::path p = fs::path(partial.path()) / rel;
        std::error_code mk;
        fs::create_directories(p.parent_path(), mk);
        if (mk)
          throw std::runtime_error("creating " + p.parent_path().string() + ": " + mk.message());
        write_file(p.string(), csv_text(read_decoded(file, t)));
        names += rel.string() + "\n";
      }
    } catch (const h5::Error& e) {
      throw h5::Error(h5_path + ": " + e.what());
    }
    return names;
  });
  for (std::size_t at = 0, end; (end = written.find('\n', at)) != std::string::npos; at = end + 1)
    out.files.push_back(written.substr(at, end - at));
  write_file((fs::path(partial.path()) / kExportMarker).string(),
             "bordersim CSV export of " + h5_path + "\n");
  for (const auto& e : fs::recursive_directory_iterator(partial.path()))
    if (e.is_directory()) fsync_path(e.path().string());
  fsync_path(partial.path());
  sim::poll_stop();  // the last moment a stop leaves DIR as it was

  if (fs::exists(target)) {
    // Swap the new export with the old one in one step, then remove the old.
    if (::renameat2(AT_FDCWD, partial.path().c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) !=
        0)
      system_error("replacing " + dir);
  } else if (::rename(partial.path().c_str(), target.c_str()) != 0) {
    system_error("renaming the export to " + dir);
  }
  fsync_path(parent.string());
  if (!fs::exists(partial.path())) partial.release();  // nothing left to remove
  return out;
}

}  // namespace outputs
