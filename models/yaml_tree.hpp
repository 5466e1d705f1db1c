// A YAML document as a tree that remembers where every node and key came from.
//
// yaml-cpp's Node API accepts duplicate keys silently, reports 0-based marks and none for a
// missing key. We read the event stream instead (YAML::Parser + EventHandler) and build our own
// tree: every node and every mapping key keeps its 1-based line and column, duplicate keys are
// rejected where they occur, and mapping entries keep their order in the file.
#pragma once

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
  std::string file;                // where this node was written (variants merge several files)
  std::string scalar;              // Scalar
  bool quoted = false;             // the scalar was quoted ("12" is a string, not a number)
  std::vector<YamlNode> items;     // Sequence
  std::vector<Entry> entries;      // Mapping, in file order

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
YamlNode parse_yaml(const std::string& text, const std::string& file);
YamlNode load_yaml_file(const std::string& path);
// The whole file; SourceError "cannot open file" when it cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace models
