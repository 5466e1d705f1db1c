// A YAML document as a tree that remembers where every node and key came from.
//
// yaml-cpp's Node API accepts duplicate keys silently, reports 0-based marks and none for a
// missing key. We read the event stream instead (YAML::Parser + EventHandler) and build our own
// tree: every node and every mapping key keeps its 1-based line and column, duplicate keys are
// rejected where they occur, and mapping entries keep their order in the file.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "models/source_error.hpp"

namespace models {

struct YamlNode {
  enum class Kind { Null, Scalar, Sequence, Mapping };
  struct Entry;

  Kind kind = Kind::Null;
  Mark mark;
  std::string file;             // where this node was written (variants merge several files)
  std::string scalar;           // Scalar
  bool quoted = false;          // the scalar was quoted ("12" is a string, not a number)
  std::vector<YamlNode> items;  // Sequence
  std::vector<Entry> entries;   // Mapping, in file order
  // A merged scenario's root only: the base files its `extends` chain read (path and text, the
  // nearest base first), so a result can store what it was made from.
  std::vector<std::pair<std::string, std::string>> sources;

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_mapping() const { return kind == Kind::Mapping; }
  const YamlNode* find(const std::string& key) const;
  const char* kind_name() const;
};

struct YamlNode::Entry {
  std::string key;
  Mark key_mark;
  YamlNode value;
};

// Parses one YAML document. Throws SourceError for syntax errors (with yaml-cpp's message),
// duplicate keys, non-scalar keys, aliases, and an empty file or several documents.
// A file is refused (nesting deeper than 64, input that makes yaml-cpp loop) before it costs
// more than a few times its size in memory and time.
YamlNode parse_yaml(const std::string& text, const std::string& file);
// The tree as one YAML document (block style, keys in their order, quoted scalars quoted): read
// back, it gives the same tree (marks apart).
std::string emit_yaml(const YamlNode& node);
// Reads and parses a YAML file of at most kMaxYamlBytes.
YamlNode load_yaml_file(const std::string& path);

// Size limits of the files a scenario reads: far above any real scenario (a few kB) or arrival
// table (17 bytes a row), far below what would exhaust memory.
inline constexpr std::size_t kMaxYamlBytes = std::size_t{4} << 20;
inline constexpr std::size_t kMaxTableBytes = std::size_t{64} << 20;
// Nesting of mappings and lists: a scenario needs about 6.
inline constexpr int kMaxYamlDepth = 64;
// Items of one list or mapping (the largest real one is a 24-hour profile or an empirical table).
inline constexpr std::size_t kMaxYamlItems = 10000;
// A file that could not be read: `file: error: cannot open: <OS reason>` (no position: there is
// no line to point at). reason() is the OS reason or the limit, for a caller that reports it at
// the key that named the file.
class FileError : public SourceError {
 public:
  FileError(const std::string& file, const std::string& verb, std::string reason)
      : SourceError(file, Mark{}, "", verb + ": " + reason), reason_(std::move(reason)) {}
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

// The whole of a regular file of at most `max_bytes`, else FileError (a FIFO, device or
// directory would block or never end, so only regular files are read).
std::string read_text_file(const std::string& path, std::size_t max_bytes = kMaxYamlBytes);

}  // namespace models
