#include "models/overrides.hpp"

#include <cctype>
#include <vector>

#include "models/suggest.hpp"

namespace models {

namespace {

// One step of a path: a mapping key, or a list item by index or by id.
struct Step {
  enum class Kind { Key, Index, Id } kind;
  std::string text;  // key or id
  std::size_t index = 0;
};

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "a.b[2].c[x][0]" -> Key a, Key b, Index 2, Key c, Id x, Index 0. A plain segment after a
// list is matched against the items' ids when the path is followed.
std::vector<Step> parse_path(const std::string& path, const std::string& origin, Mark at = {}) {
  const auto bad = [&](const std::string& why) {
    return SourceError(origin, at, path, "bad key path: " + why);
  };
  std::vector<Step> steps;
  std::size_t i = 0;
  bool expect_key = true;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos) throw bad("'[' without ']'");
      const std::string inside = path.substr(i + 1, close - i - 1);
      if (inside.empty()) throw bad("empty []: write an index (stages[0]) or an id");
      if (steps.empty()) throw bad("a path starts with a key");
      if (all_digits(inside)) {
        if (inside.size() > 9) throw bad("index " + echo(inside) + " is too large");
        steps.push_back(Step{Step::Kind::Index, inside, std::stoul(inside)});
      } else {
        steps.push_back(Step{Step::Kind::Id, inside});
      }
      i = close + 1;
      expect_key = false;
      continue;
    }
    if (path[i] == '.') {
      if (expect_key) throw bad("an empty key (two dots, or a leading dot)");
      ++i;
      expect_key = true;
      if (i == path.size()) throw bad("a trailing dot");
      continue;
    }
    if (!expect_key) throw bad("expected '.' or '[' after ']'");
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    steps.push_back(Step{Step::Kind::Key, path.substr(i, end - i)});
    i = end;
    expect_key = false;
  }
  if (steps.empty()) throw bad("empty");
  return steps;
}

std::string id_of(const YamlNode& item) {
  const YamlNode* id = item.is_mapping() ? item.find("id") : nullptr;
  return id && id->is_scalar() ? id->scalar : std::string();
}

// Re-labels every node of a fragment as written in `origin`.
void relabel(YamlNode& n, const std::string& origin) {
  n.file = origin;
  for (YamlNode& it : n.items) relabel(it, origin);
  for (YamlNode::Entry& e : n.entries) relabel(e.value, origin);
}

}  // namespace

YamlNode parse_fragment(const std::string& value, const std::string& origin,
                        const std::string& path) {
  YamlNode n;
  const std::size_t a = value.find_first_not_of(" \t"), b = value.find_last_not_of(" \t");
  const std::string word = a == std::string::npos ? std::string() : value.substr(a, b - a + 1);
  if (word == "null" || word == "~") {  // absent: the key takes its default
    n.mark = Mark{1, static_cast<int>(a) + 1};
    n.file = origin;
    return n;
  }
  if (word.empty()) {
    n.kind = YamlNode::Kind::Scalar;  // `key=`: the empty string, as before fragments
    n.scalar = value;
    n.mark = Mark{1, 1};
    n.file = origin;
    return n;
  }
  // An unclosed bracket or brace: said so at the opener (yaml-cpp's words for it mislead).
  std::vector<std::size_t> open;
  char quote = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (quote) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      open.push_back(i);
    } else if (c == ']' || c == '}') {
      if (open.empty() || value[open.back()] != (c == ']' ? '[' : '{'))
        throw SourceError(origin, Mark{1, static_cast<int>(i) + 1}, path,
                          std::string("unmatched '") + c + "' in the value " + echo(value));
      open.pop_back();
    }
  }
  if (!open.empty())
    throw SourceError(
        origin, Mark{1, static_cast<int>(open.back()) + 1}, path,
        std::string("'") + value[open.back()] + "' is not closed in the value " + echo(value));
  try {
    n = parse_yaml(value, origin);
  } catch (const SourceError& e) {
    // The key inside the fragment, if the parser named one, after the override's path.
    const std::string& in = e.key_path();
    const std::string key = in.empty() ? path : path + (in[0] == '[' ? "" : ".") + in;
    throw SourceError(origin, e.mark(), key, e.message() + " (in the value " + echo(value) + ")");
  }
  relabel(n, origin);
  return n;
}

void set_in_tree(YamlNode& root, const std::string& path, const std::string& value,
                 const std::string& origin) {
  (void)parse_path(path, origin);  // a bad path is said before a bad value
  set_node_in_tree(root, path, parse_fragment(value, origin, path), origin, Mark{1, 1});
}

void set_node_in_tree(YamlNode& root, const std::string& path, YamlNode fragment,
                      const std::string& origin, Mark at) {
  const std::vector<Step> steps = parse_path(path, origin, at);
  YamlNode* node = &root;
  std::string done;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const Step& st = steps[s];
    const bool last = s + 1 == steps.size();
    std::string here;
    if (st.kind == Step::Kind::Key)
      here = done.empty() ? st.text : done + "." + st.text;
    else
      here = done + "[" + st.text + "]";
    const auto fail = [&](const std::string& why) { return SourceError(origin, at, here, why); };
    YamlNode* child = nullptr;
    if (st.kind == Step::Kind::Index) {
      if (!node->is_sequence())
        throw fail("an index needs a list, and " + (done.empty() ? "the top" : done) + " is " +
                   node->kind_name());
      if (st.index >= node->items.size())
        throw fail(
            "index " + st.text + " out of range: " + done + " has " +
            std::to_string(node->items.size()) + " item" + (node->items.size() == 1 ? "" : "s") +
            (node->items.empty() ? "" : " (0 to " + std::to_string(node->items.size() - 1) + ")"));
      child = &node->items[st.index];
    } else if (node->is_sequence()) {  // by id: `stages.documents` or `stages[documents]`
      std::vector<std::string> ids;
      for (YamlNode& item : node->items) {
        const std::string id = id_of(item);
        if (!id.empty()) ids.push_back(id);
        if (!id.empty() && id == st.text) child = &item;
      }
      if (!child)
        throw fail(ids.empty()
                       ? "the items of " + done + " have no ids: pick one by index, " + done + "[0]"
                       : "no item with id " + echo(st.text) + " in " + done +
                             suggestion(st.text, ids) + " (ids: " +
                             [&] {
                               std::string l;
                               for (const std::string& i : ids) l += (l.empty() ? "" : ", ") + i;
                               return l;
                             }() +
                             ")");
    } else if (st.kind == Step::Kind::Id) {
      throw fail("[" + st.text + "] picks a list item by id, and " +
                 (done.empty() ? "the top" : done) + " is " + node->kind_name());
    } else if (node->is_mapping()) {
      std::vector<std::string> keys;
      for (YamlNode::Entry& e : node->entries) {
        keys.push_back(e.key);
        if (e.key == st.text) child = &e.value;
      }
      if (!child && last) {
        node->entries.push_back(YamlNode::Entry{st.text, at, YamlNode{}});
        child = &node->entries.back().value;
        child->file = origin;
        child->mark = at;
      }
      if (!child)
        throw fail("no such key in the scenario" + suggestion(st.text, keys) +
                   " (an override creates only the last key of its path; give a missing "
                   "section as a mapping, e.g. " +
                   here + "={...})");
    } else {
      throw fail("no such key: " + (done.empty() ? "the top" : done) + " is " + node->kind_name() +
                 ", not a mapping");
    }
    if (last) {
      *child = std::move(fragment);
      return;
    }
    node = child;
    done = here;
  }
}

const YamlNode* find_in_tree(const YamlNode& root, const std::string& path) {
  std::vector<Step> steps;
  try {
    steps = parse_path(path, "");
  } catch (const SourceError&) {
    return nullptr;
  }
  const YamlNode* node = &root;
  for (const Step& st : steps) {
    const YamlNode* child = nullptr;
    if (st.kind == Step::Kind::Index) {
      if (node->is_sequence() && st.index < node->items.size()) child = &node->items[st.index];
    } else if (node->is_sequence()) {
      for (const YamlNode& item : node->items)
        if (id_of(item) == st.text) child = &item;
    } else if (st.kind == Step::Kind::Key && node->is_mapping()) {
      child = node->find(st.text);
    }
    if (!child) return nullptr;
    node = child;
  }
  return node;
}

std::string overrides_markdown() {
  return R"(
## Overrides: `--set key.path=value`

`bordersim sweep --set`, the Python module's `overrides` and its sweep parameters change a
scenario before it is read (after `extends` is resolved), and the loader then checks the result
as it checks a file.

- **The path** is keys joined by dots. After a list, a segment picks an item by index
  (`gate_sides.kim_thanh.stages[2].servers`, 0-based; `points[3][0]` in a list of lists) or by
  the item's `id` (`gate_sides.kim_thanh.stages.quarantine.servers`, or
  `stages[quarantine].servers`). The last key is created when absent; every other step must
  exist (give a missing section whole: `--set 'outputs={vehicles: all}'`).
- **The value** is a YAML fragment: a scalar (`3`, `12min`, `single_stop`), a flow list
  (`[0.5, 0.5, 1, 2]`) or a flow mapping (`{servers: 2, open: "06:00", close: "19:00"}`). It
  replaces the node at the path whole (no merge), so a list or a section can be swapped:
  `--set 'gate_sides.kim_thanh.stages[0].lane={servers: 2}'`. `null` removes a value (the key
  takes its default). Quote a value in the shell when it holds spaces, brackets or braces.
- **Several values** (`sweep`): one `--set` per parameter, its values separated by the commas
  outside brackets, braces and quotes: `servers=2,3,4` is three points, `hourly=[...],[...]` two
  lists, `lane={servers: 1},{servers: 2}` two sections, `points=[[0min, 0], [5min, 1]]` one list
  of lists, and `description="a, b","c"` two strings. The points are every combination of the
  `--set`s, the first slowest. In Python, `sweep(s, {"key.path": [v1, v2]})` takes the values as
  a list, so a list value is a Python list: `{"...hourly": [[1, 2, ...], [2, 1, ...]]}`.
- **Errors** name the override as the file, the line and column in the value, and the key:
  `--set gate_sides.kim_thanh.stages[0].lane:1:2: error: gate_sides.kim_thanh.stages[0].lane.servrs: unknown key; did you mean 'servers'?`.
  An index out of range, an unknown id or key on the way, or a malformed value is such an
  error (exit code 2).
)";
}

}  // namespace models
