// An error in a scenario file, located: file:line:col: error: key.path: what was expected.
// Lines and columns are 1-based (editors and CI parse this form). An error with no position (a
// file that cannot be read at all) reads `file: error: ...`: a fake 0:0 would send an editor to
// a line that does not exist.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace models {

struct Mark {
  int line = 0;  // 1-based; 0 = unknown
  int col = 0;
};

// `text` as it may be shown in a message: control bytes and bytes that are not UTF-8 escaped
// (`\r`, `\x1b`), so a message cannot move the cursor or corrupt a terminal, and cut after
// `max_chars` characters with "…" so a huge value cannot flood it.
std::string printable(std::string_view text, std::size_t max_chars = static_cast<std::size_t>(-1));
// A value from the file echoed in a message: printable, at most 60 characters, in single quotes.
std::string echo(std::string_view value);
// True when `text` holds a control byte (a stray `\r` from a Windows editor, an escape sequence).
bool has_control(std::string_view text);

class SourceError : public std::runtime_error {
 public:
  SourceError(std::string file, Mark mark, std::string key_path, std::string message)
      : std::runtime_error(format(file, mark, key_path, message)),
        file_(std::move(file)),
        mark_(mark),
        key_path_(std::move(key_path)),
        message_(std::move(message)) {}
  const std::string& file() const { return file_; }
  Mark mark() const { return mark_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& message() const { return message_; }

 private:
  // The key path comes from the file (keys), so it is made printable and cut like an echoed
  // value; the message is made printable and cut as a net for any echo that was not (echoed
  // values are already escaped, and escaping leaves no control byte to escape twice; a list of
  // defined names can be long).
  static std::string format(const std::string& file, Mark m, const std::string& path,
                            const std::string& msg) {
    std::string s = printable(file, 200);
    if (m.line > 0) s += ":" + std::to_string(m.line) + ":" + std::to_string(m.col);
    s += ": error: ";
    if (!path.empty()) s += printable(path, 120) + ": ";
    return s + printable(msg, 1000);
  }
  std::string file_;
  Mark mark_;
  std::string key_path_;
  std::string message_;
};

}  // namespace models
