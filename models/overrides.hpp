// Overrides: `key.path=<YAML fragment>` applied to a scenario's merged tree before it is read
// (`bordersim sweep --set`, the Python module's `overrides`, compare's variants).
//
// A path is keys joined by dots. A segment after a list picks an item: by index, `stages[2]`
// (0-based; `points[3][0]` for lists of lists), or by id where the items carry one,
// `stages.documents` or `stages[documents]`. The value is a YAML fragment parsed as a document
// of its own: a scalar (`3`, `12min`), a flow list (`[1, 2]`) or a flow mapping
// (`{servers: 2, from: 2025-06-01}`); it replaces the node at the path wholesale (no merge), so
// a whole list or section can be swapped. The last key is created when absent; every other step
// must exist. Errors are SourceErrors whose file is the override's origin (`--set key.path`),
// with the fragment's line and column and the key path.
#pragma once

#include <string>

#include "models/yaml_tree.hpp"

namespace models {

// Sets `path` in `root` to the fragment `value`; an empty value is the empty string.
void set_in_tree(YamlNode& root, const std::string& path, const std::string& value,
                 const std::string& origin);
// The same with a parsed fragment (which keeps its own marks); an error in the path is located
// at `at` of `origin`, and a created last key gets that place.
void set_node_in_tree(YamlNode& root, const std::string& path, YamlNode fragment,
                      const std::string& origin, Mark at);
// The node at `path` (as set_in_tree reads it), or nullptr when the path does not lead to one.
const YamlNode* find_in_tree(const YamlNode& root, const std::string& path);
// The fragment as a node whose marks are columns of `value` and whose file is `origin`; a YAML
// error is located there and names `path`.
// The section of docs/scenario-format.md that says all this (schema_markdown() includes it).
std::string overrides_markdown();
YamlNode parse_fragment(const std::string& value, const std::string& origin,
                        const std::string& path);

}  // namespace models
