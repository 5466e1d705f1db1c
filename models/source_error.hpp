// An error in a scenario file, located: file:line:col: error: key.path: what was expected.
// Lines and columns are 1-based (editors and CI parse this form).
#pragma once

#include <stdexcept>
#include <string>

namespace models {

struct Mark {
  int line = 0;  // 1-based; 0 = unknown
  int col = 0;
};

class SourceError : public std::runtime_error {
 public:
  SourceError(std::string file, Mark mark, std::string key_path, std::string message)
      : std::runtime_error(format(file, mark, key_path, message)),
        file_(std::move(file)), mark_(mark), key_path_(std::move(key_path)),
        message_(std::move(message)) {}
  const std::string& file() const { return file_; }
  Mark mark() const { return mark_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& file, Mark m, const std::string& path,
                            const std::string& msg) {
    std::string s = file + ":" + std::to_string(m.line) + ":" + std::to_string(m.col) + ": error: ";
    if (!path.empty()) s += path + ": ";
    return s + msg;
  }
  std::string file_;
  Mark mark_;
  std::string key_path_;
  std::string message_;
};

}  // namespace models
