#include "models/yaml_tree.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "sim/stop.hpp"

namespace models {

const YamlNode* YamlNode::find(const std::string& key) const {
  for (const Entry& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

const char* YamlNode::kind_name() const {
  switch (kind) {
    case Kind::Null:
      return "nothing";
    case Kind::Scalar:
      return "a scalar";
    case Kind::Sequence:
      return "a list";
    case Kind::Mapping:
      return "a mapping";
  }
  return "?";
}

namespace {

Mark to_mark(const YAML::Mark& m) {
  return Mark{m.line + 1, m.column + 1};
}

// Builds the tree from parser events. A stack of open collections; a mapping alternates
// between expecting a key and expecting a value.
//
// Two guards against input that would make it work without end. yaml-cpp 0.7 emits empty (null)
// events forever, without consuming input, for a top-level value followed by a comma (`,` alone
// is such a file): every real event consumes at least one byte of input, so more events than
// kEventsPerByte per byte (plus a few for an empty document) is that loop, stopped at its mark.
// And nesting is capped at kMaxYamlDepth, below yaml-cpp's own limit of 500 (which it reports as
// "bad file") and far above any scenario's (about 6).
class TreeBuilder : public YAML::EventHandler {
 public:
  static constexpr std::size_t kEventsPerByte = 4;

  TreeBuilder(std::string file, std::size_t input_bytes)
      : file_(std::move(file)), max_events_(kEventsPerByte * input_bytes + 16) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override {
    count(m);
    YamlNode n;
    n.kind = YamlNode::Kind::Null;
    n.mark = to_mark(m);
    n.file = file_;
    add(std::move(n));
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
    throw SourceError(file_, to_mark(m), path(), "aliases (*name) are not supported in scenarios");
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    count(m);
    YamlNode n;
    n.kind = YamlNode::Kind::Scalar;
    n.mark = to_mark(m);
    n.file = file_;
    n.scalar = value;
    n.quoted = tag == "!";
    add(std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::Sequence, m);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::Mapping, m);
  }
  void OnMapEnd() override { close(); }

  std::vector<YamlNode> documents;

 private:
  struct Frame {
    YamlNode node;
    bool expecting_key = true;
    std::string pending_key;
    Mark pending_key_mark;
  };

  std::string path() const {
    std::string p;
    for (const Frame& f : stack_) {
      if (f.node.kind == YamlNode::Kind::Mapping && !f.expecting_key) {
        if (!p.empty()) p += ".";
        p += f.pending_key;
      } else if (f.node.kind == YamlNode::Kind::Sequence) {
        p += '[';  // appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + s + "]"
        p += std::to_string(f.node.items.size());
        p += ']';
      }
    }
    return p;
  }

  void count(const YAML::Mark& m) {
    if (events_ % 4096 == 0) sim::poll_stop();  // a huge document stops while it is parsed
    if (++events_ > max_events_)
      throw SourceError(
          file_, to_mark(m), "",
          "YAML syntax: the parser reads empty values here without end (a stray ',' outside a "
          "flow [list] or {mapping}?)");
  }

  void open(YamlNode::Kind kind, const YAML::Mark& m) {
    count(m);
    if (static_cast<int>(stack_.size()) >= kMaxYamlDepth)
      throw SourceError(file_, to_mark(m), path(),
                        "nested more than " + std::to_string(kMaxYamlDepth) + " levels deep");
    if (!stack_.empty() && stack_.back().node.kind == YamlNode::Kind::Mapping &&
        stack_.back().expecting_key)
      throw SourceError(file_, to_mark(m), path(), "a mapping key must be a plain scalar");
    Frame f;
    f.node.kind = kind;
    f.node.mark = to_mark(m);
    f.node.file = file_;
    stack_.push_back(std::move(f));
  }

  void close() {
    YamlNode n = std::move(stack_.back().node);
    stack_.pop_back();
    add(std::move(n));
  }

  void add(YamlNode n) {
    if (stack_.empty()) {
      documents.push_back(std::move(n));
      return;
    }
    Frame& top = stack_.back();
    // Readers look items up by id in lists of siblings: capped, that stays cheap.
    if (top.node.items.size() + top.node.entries.size() >= kMaxYamlItems)
      throw SourceError(
          file_, n.mark, path(),
          "more than " + std::to_string(kMaxYamlItems) + " items in one list or mapping");
    if (top.node.kind == YamlNode::Kind::Sequence) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (top.expecting_key) {
      if (n.kind != YamlNode::Kind::Scalar)
        throw SourceError(file_, n.mark, path(), "a mapping key must be a plain scalar");
      for (const YamlNode::Entry& e : top.node.entries)
        if (e.key == n.scalar) {
          std::string where = path();
          throw SourceError(
              file_, n.mark, where.empty() ? n.scalar : where + "." + n.scalar,
              "duplicate key (first given at line " + std::to_string(e.key_mark.line) + ")");
        }
      top.pending_key = n.scalar;
      top.pending_key_mark = n.mark;
      top.expecting_key = false;
      return;
    }
    top.node.entries.push_back(
        YamlNode::Entry{top.pending_key, top.pending_key_mark, std::move(n)});
    top.expecting_key = true;
  }

  std::string file_;
  std::vector<Frame> stack_;
  std::size_t events_ = 0;
  std::size_t max_events_;
};

}  // namespace

YamlNode parse_yaml(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  TreeBuilder builder(file, text.size());
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::DeepRecursion& e) {
    // Not reached while kMaxYamlDepth is below yaml-cpp's limit; kept so its "bad file" never
    // shows.
    throw SourceError(file, to_mark(e.mark), "", "nested too deep (yaml-cpp's limit)");
  } catch (const YAML::ParserException& e) {
    throw SourceError(file, to_mark(e.mark), "", "YAML syntax: " + e.msg);
  }
  if (builder.documents.empty() ||
      (builder.documents.size() == 1 && builder.documents[0].is_null()))
    throw SourceError(file, Mark{1, 1}, "", "the file is empty: expected a scenario mapping");
  if (builder.documents.size() > 1)
    throw SourceError(file, builder.documents[1].mark, "",
                      "several YAML documents in one file: expected exactly one");
  return std::move(builder.documents[0]);
}

namespace {

// Closes the descriptor on every path out of read_text_file.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before we could
  // see that it is not a regular file.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) throw FileError(path, "cannot open", std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw FileError(path, "cannot read", std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw FileError(path, "cannot read", "it is a directory, not a file");
  if (!S_ISREG(st.st_mode))
    throw FileError(path, "cannot read",
                    "not a regular file (a device, FIFO or socket may never end)");
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes)
    throw FileError(path, "cannot read",
                    "it has " + std::to_string(st.st_size) + " bytes, more than the limit of " +
                        std::to_string(max_bytes));
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw FileError(path, "cannot read", std::strerror(errno));
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    // The file may grow while it is read; the limit holds for what is read.
    if (text.size() > max_bytes)
      throw FileError(path, "cannot read",
                      "it grew past the limit of " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

YamlNode load_yaml_file(const std::string& path) {
  return parse_yaml(read_text_file(path, kMaxYamlBytes), path);
}

namespace {

void emit(YAML::Emitter& out, const YamlNode& n) {
  switch (n.kind) {
    case YamlNode::Kind::Null:
      out << YAML::Null;
      break;
    case YamlNode::Kind::Scalar:
      if (n.quoted) out << YAML::DoubleQuoted;
      out << n.scalar;
      break;
    case YamlNode::Kind::Sequence:
      out << YAML::BeginSeq;
      for (const YamlNode& it : n.items) emit(out, it);
      out << YAML::EndSeq;
      break;
    case YamlNode::Kind::Mapping:
      out << YAML::BeginMap;
      for (const YamlNode::Entry& e : n.entries) {
        out << YAML::Key << e.key << YAML::Value;
        emit(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string emit_yaml(const YamlNode& node) {
  YAML::Emitter out;
  emit(out, node);
  if (!out.good())
    return "# the scenario could not be written as YAML: " + out.GetLastError() + "\n";
  return std::string(out.c_str()) + "\n";
}

}  // namespace models
